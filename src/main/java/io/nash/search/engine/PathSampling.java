package io.nash.search.engine;

import java.util.Locale;

/**
 * How partitions draw the sampled paths of a round. {@code SHARED} (the default): every partition
 * uses the round's one draw, so a round with P partitions of batch b is exactly the single-process
 * NASH step at batch P*b (one path per step, as the method prescribes) and the aggregated weight
 * update touches one path's tensors only. {@code INDEPENDENT}: each partition draws its own paths,
 * which explores P paths per round (lower-variance alpha gradients) at the price of up to P paths'
 * tensors in the aggregate and a departure from the single-process semantics.
 */
public enum PathSampling {
  SHARED,
  INDEPENDENT;

  public static PathSampling fromName(String name) {
    for (PathSampling s : values()) {
      if (s.name().toLowerCase(Locale.ROOT).equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "nash.spark.path-sampling = '" + name + "': allowed are shared, independent");
  }
}
