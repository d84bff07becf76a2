package io.nash.data;

/**
 * Derivation of independent seeds from a base seed and a path of integers (stage, round, partition,
 * epoch...). Pure functions; thread-safe.
 */
public final class Seeds {
  private Seeds() {}

  /**
   * A seed for the given parts under {@code seed}: each part is folded in with the SplitMix64
   * finalizer, so (seed, 1, 2) and (seed, 2, 1) give unrelated values.
   */
  public static long derive(long seed, long... parts) {
    long h = mix64(seed);
    for (long p : parts) {
      h = mix64(h ^ mix64(p + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  /** The SplitMix64 output function (Steele, Lea and Flood, 2014). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
