package io.nash.nn.quant;

import java.util.Random;

/**
 * Seeded parameter initialisation from a caller's {@link Random}, so a network's initial weights
 * depend on its seed only (DJL's initializers draw from the engine's process-wide generator).
 */
final class Init {
  private Init() {}

  /** {@code n} draws from N(0, std^2). Runs once per network, not on a hot path. */
  static float[] normal(Random rng, int n, double std) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (rng.nextGaussian() * std);
    }
    return v;
  }

  /** {@code n} draws from U(-bound, bound). */
  static float[] uniform(Random rng, int n, double bound) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
    }
    return v;
  }

  static float[] constant(int n, float value) {
    float[] v = new float[n];
    java.util.Arrays.fill(v, value);
    return v;
  }
}
