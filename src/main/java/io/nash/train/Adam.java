package io.nash.train;

/**
 * Adam (Kingma and Ba) as PyTorch's {@code torch.optim.Adam} computes it, with L2 weight decay
 * added to the gradient: {@code g' = g + wd*p; m = b1*m + (1-b1)*g'; v = b2*v + (1-b2)*g'^2; p -=
 * (lr / (1-b1^t)) * m / (sqrt(v) / sqrt(1-b2^t) + eps)}. Arithmetic in double, state in float. Not
 * thread-safe.
 */
public final class Adam extends ParamOptimizer {
  /** PyTorch's defaults, which the paper's "Adam lr 1e-3" implies. */
  public static final double BETA1 = 0.9;

  public static final double BETA2 = 0.999;
  public static final double EPS = 1e-8;

  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;

  public Adam(int[] sizes, double beta1, double beta2, double eps, double weightDecay) {
    super(sizes, "m", "v");
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
      throw new IllegalArgumentException(
          "adam beta1 = "
              + beta1
              + ", beta2 = "
              + beta2
              + ", eps = "
              + eps
              + ": betas must be in [0, 1), eps > 0");
    }
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException(
          "nash.train.weight-decay = " + weightDecay + ": must be >= 0");
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
  }

  @Override
  void update(int t, float[] p, float[] g, double lr, long step) {
    float[] m = slot(0, t);
    float[] v = slot(1, t);
    double stepSize = lr / (1 - Math.pow(beta1, step));
    double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
    for (int i = 0; i < p.length; i++) {
      double gi = g[i] + weightDecay * p[i];
      double mi = beta1 * m[i] + (1 - beta1) * gi;
      double vi = beta2 * v[i] + (1 - beta2) * gi * gi;
      m[i] = (float) mi;
      v[i] = (float) vi;
      p[i] = (float) (p[i] - stepSize * mi / (Math.sqrt(vi) / bc2Sqrt + eps));
    }
  }
}
