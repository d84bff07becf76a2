package io.nash.search.api;

/**
 * The supernet as the distributed engine drives it (the DJL supernet implements this). One instance
 * is built per executor JVM by a {@link SearchModelFactory} and reused across rounds; the engine
 * never calls it from two threads at once (it locks the instance), so implementations need not be
 * thread-safe. All state that matters travels in the {@link StepRequest}: the instance keeps only
 * built structure and scratch buffers, so a retried or resumed task reproduces its result.
 */
public interface SearchModel extends CandidateEvaluator {

  /** The weight tensors, in the order of the flat weight array. */
  ParamLayout layout();

  /** Values of the flat alpha array (for NASH: backbone edges x version ops, group-major). */
  int alphaSize();

  /** Initial flat weights from {@code seed} (deterministic). */
  float[] initialWeights(long seed);

  /** Runs one task's local NASH steps; see {@link StepRequest} and {@link StepResult}. */
  StepResult runSteps(StepRequest request);
}
