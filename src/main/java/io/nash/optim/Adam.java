package io.nash.optim;

import java.util.List;

/**
 * Adam (Kingma and Ba) as PyTorch's {@code torch.optim.Adam} computes it, with L2 weight decay
 * added to the gradient: {@code g' = g + wd*p; m = b1*m + (1-b1)*g'; v = b2*v + (1-b2)*g'^2; p -=
 * (lr / (1-b1^t)) * m / (sqrt(v) / sqrt(1-b2^t) + eps)}. Slots {@code m} and {@code v}; the step
 * {@code t} is part of the state. Immutable.
 *
 * @param beta1 decay of the first moment, in [0, 1)
 * @param beta2 decay of the second moment, in [0, 1)
 * @param eps added to the denominator, > 0
 * @param weightDecay L2 weight decay, >= 0
 */
public record Adam(double beta1, double beta2, double eps, double weightDecay)
    implements UpdateRule {
  /** PyTorch's defaults, which the paper's "Adam lr 1e-3" implies. */
  public static final double BETA1 = 0.9;

  public static final double BETA2 = 0.999;
  public static final double EPS = 1e-8;

  public Adam {
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
    UpdateRule.checkWeightDecay(weightDecay);
  }

  @Override
  public List<String> slotNames() {
    return List.of("m", "v");
  }

  @Override
  public boolean usesStep() {
    return true;
  }

  @Override
  public void apply(
      float[] p, int off, float[] g, int len, float[][] slots, double lr, long t, double scale) {
    float[] m = slots[0];
    float[] v = slots[1];
    double stepSize = lr / (1 - Math.pow(beta1, t));
    double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
    for (int i = 0; i < len; i++) {
      int k = off + i;
      double gk = UpdateRule.scaled(g, i, scale) + weightDecay * p[k];
      double mk = beta1 * m[k] + (1 - beta1) * gk;
      double vk = beta2 * v[k] + (1 - beta2) * gk * gk;
      m[k] = (float) mk;
      v[k] = (float) vk;
      p[k] = (float) (p[k] - stepSize * mk / (Math.sqrt(vk) / bc2Sqrt + eps));
    }
  }
}
