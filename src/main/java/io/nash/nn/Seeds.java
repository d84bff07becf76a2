package io.nash.nn;

/**
 * Seed derivation without any global RNG: {@code mix(seed, a, b, ...)} folds the parts into one
 * 64-bit seed with SplitMix64's finaliser, so the seed of (run seed, epoch, step, purpose) is a
 * pure function of those values and a retried or resumed computation draws the same numbers.
 * Stateless and thread-safe.
 */
public final class Seeds {
  private Seeds() {}

  /** A well-mixed seed derived from {@code seed} and the given parts, in order. */
  public static long mix(long seed, long... parts) {
    long h = finalise(seed ^ 0x6A09E667F3BCC909L);
    for (long p : parts) {
      h = finalise(h + 0x9E3779B97F4A7C15L + finalise(p));
    }
    return h;
  }

  private static long finalise(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
