package io.nash.search;

/**
 * The search's optimizers on flat float arrays, with PyTorch's semantics, so that a Spark driver
 * can apply them to aggregated gradients:
 *
 * <ul>
 *   <li>{@link #clipGradNorm}: {@code torch.nn.utils.clip_grad_norm_}: total L2 norm over every
 *       given gradient; if {@code coef = max / (norm + 1e-6) < 1}, every gradient is scaled by it.
 *   <li>{@link #sgd}: {@code torch.optim.SGD} (dampening 0, no Nesterov): {@code d = g + wd p};
 *       {@code buf = d} on the first step, else {@code buf = momentum buf + d}; {@code p -= lr
 *       buf}.
 *   <li>{@link #adam}: {@code torch.optim.Adam} with L2 weight decay added to the gradient: {@code
 *       d = g + wd p}; {@code m = b1 m + (1-b1) d}; {@code v = b2 v + (1-b2) d^2}; {@code p -= lr /
 *       (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}.
 * </ul>
 *
 * Stateless and thread-safe; the arrays passed in are updated in place.
 */
public final class Optimizers {
  private Optimizers() {}

  /**
   * Clips {@code grads} (null entries are skipped: tensors without gradient) to total norm {@code
   * maxNorm}; returns the norm before clipping.
   */
  public static double clipGradNorm(float[][] grads, double maxNorm) {
    double sq = 0;
    for (float[] g : grads) {
      if (g != null) {
        for (float v : g) {
          sq += (double) v * v;
        }
      }
    }
    double norm = Math.sqrt(sq);
    double coef = maxNorm / (norm + 1e-6);
    if (coef < 1) {
      float c = (float) coef;
      for (float[] g : grads) {
        if (g != null) {
          for (int i = 0; i < g.length; i++) {
            g[i] *= c;
          }
        }
      }
    }
    return norm;
  }

  /**
   * One SGD step on one tensor; returns the momentum buffer to keep (a new one on the first step,
   * when {@code buf} is null).
   */
  public static float[] sgd(
      float[] p, float[] g, float[] buf, double lr, double momentum, double weightDecay) {
    checkSame(p, g, "gradient");
    float wd = (float) weightDecay;
    float mu = (float) momentum;
    float rate = (float) lr;
    if (buf == null) {
      buf = new float[p.length];
      for (int i = 0; i < p.length; i++) {
        buf[i] = g[i] + wd * p[i];
      }
    } else {
      checkSame(p, buf, "momentum buffer");
      for (int i = 0; i < p.length; i++) {
        buf[i] = mu * buf[i] + (g[i] + wd * p[i]);
      }
    }
    for (int i = 0; i < p.length; i++) {
      p[i] -= rate * buf[i];
    }
    return buf;
  }

  /**
   * One Adam step; {@code t} is the step number after incrementing (1 on the first step).
   *
   * @param m first moment, updated in place
   * @param v second moment, updated in place
   */
  public static void adam(
      float[] p,
      float[] g,
      float[] m,
      float[] v,
      long t,
      double lr,
      double beta1,
      double beta2,
      double eps,
      double weightDecay) {
    checkSame(p, g, "gradient");
    checkSame(p, m, "first moment");
    checkSame(p, v, "second moment");
    if (t < 1) {
      throw new IllegalArgumentException("adam step t = " + t + ": must be >= 1");
    }
    double bc1 = 1 - Math.pow(beta1, t);
    double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
    float stepSize = (float) (lr / bc1);
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float wd = (float) weightDecay;
    for (int i = 0; i < p.length; i++) {
      float d = g[i] + wd * p[i];
      m[i] = b1 * m[i] + (1 - b1) * d;
      v[i] = b2 * v[i] + (1 - b2) * d * d;
      float denom = (float) (Math.sqrt(v[i]) / bc2Sqrt + eps);
      p[i] -= stepSize * m[i] / denom;
    }
  }

  private static void checkSame(float[] p, float[] other, String what) {
    if (p.length != other.length) {
      throw new IllegalArgumentException(
          what + " has " + other.length + " values: the parameter has " + p.length);
    }
  }
}
