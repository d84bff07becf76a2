package io.nash.search.engine;

/**
 * A data-free term of the architecture loss over the flat alpha (e.g. the expected FINN cost of
 * {@code hw.OpCostTable}): its value and its gradient in alpha's flat layout. The driver adds
 * {@code lambda * gradient} to the round's averaged alpha gradient (see {@link SearchDriver}).
 */
public interface ArchCost {
  double expected(float[] alpha);

  double[] gradient(float[] alpha);
}
