package io.nash.train;

/**
 * SGD with momentum as PyTorch's {@code torch.optim.SGD} (dampening 0, not Nesterov), with L2
 * weight decay added to the gradient: {@code d = g + wd*p; buf = momentum*buf + d; p -= lr*buf}.
 * The buffer starts at 0, which equals PyTorch's first-step {@code buf = d}. Not thread-safe.
 */
public final class SgdMomentum extends ParamOptimizer {
  private final double momentum;
  private final double weightDecay;

  public SgdMomentum(int[] sizes, double momentum, double weightDecay) {
    super(sizes, "buf");
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException(
          "nash.train.momentum = " + momentum + ": must be in [0, 1)");
    }
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException(
          "nash.train.weight-decay = " + weightDecay + ": must be >= 0");
    }
    this.momentum = momentum;
    this.weightDecay = weightDecay;
  }

  @Override
  void update(int t, float[] p, float[] g, double lr, long step) {
    float[] buf = slot(0, t);
    for (int i = 0; i < p.length; i++) {
      double d = g[i] + weightDecay * p[i];
      double b = momentum * buf[i] + d;
      buf[i] = (float) b;
      p[i] = (float) (p[i] - lr * b);
    }
  }
}
