package io.nash.search.engine;

import java.util.Map;

/** Learning-rate schedule and gradient clipping on flat arrays. Stateless. */
public final class Schedules {
  private Schedules() {}

  /** Cosine annealing from {@code lr0} at round 0 to {@code lrMin} at round {@code rounds}. */
  public static double cosine(double lr0, double lrMin, int round, int rounds) {
    return lrMin + 0.5 * (lr0 - lrMin) * (1 + Math.cos(Math.PI * round / rounds));
  }

  /**
   * The factor {@link #clipNorm} multiplies gradients of total norm {@code norm} by: {@code max /
   * (norm + 1e-6)} when that is below 1 (PyTorch's clip_grad_norm_), else 1; {@code max = 0} means
   * no clipping.
   */
  public static double clipScale(double norm, double max) {
    double coef = max / (norm + 1e-6);
    return max > 0 && coef < 1 ? coef : 1;
  }

  /**
   * Scales all tensors of {@code grads} in place so their joint L2 norm is at most {@code max}
   * (PyTorch's clip_grad_norm_: factor {@code max / (norm + 1e-6)} when below 1); {@code max = 0}
   * leaves them as they are. Returns the norm before clipping.
   */
  public static double clipNorm(Map<Integer, float[]> grads, double max) {
    double sq = 0;
    for (float[] g : grads.values()) {
      for (float x : g) {
        sq += (double) x * x;
      }
    }
    double norm = Math.sqrt(sq);
    double coef = clipScale(norm, max);
    if (coef < 1) {
      for (float[] g : grads.values()) {
        for (int i = 0; i < g.length; i++) {
          g[i] = (float) (g[i] * coef);
        }
      }
    }
    return norm;
  }
}
