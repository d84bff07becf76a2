package io.nash.optim;

import java.util.List;

/**
 * SGD with momentum as PyTorch's {@code torch.optim.SGD} (dampening 0, not Nesterov), with L2
 * weight decay added to the gradient: {@code d = g + wd*p; buf = momentum*buf + d; p -= lr*buf}.
 * Slot {@code buf}; the buffer starts at 0, which equals PyTorch's first-step {@code buf = d}. The
 * step number is not used.
 *
 * <p>Callers update only the tensors that have a gradient this step: PyTorch's SGD skips parameters
 * whose {@code grad} is None ({@code zero_grad(set_to_none=True)}, its default since 2.0), so an
 * untouched tensor gets neither weight decay nor a momentum step and its weights and buffer stay
 * bit for bit. The Spark search engine relies on this to broadcast only the changed tensors.
 * Immutable.
 *
 * @param momentum in [0, 1)
 * @param weightDecay L2 weight decay, >= 0
 */
public record SgdMomentum(double momentum, double weightDecay) implements UpdateRule {
  public SgdMomentum {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum = " + momentum + ": must be in [0, 1)");
    }
    UpdateRule.checkWeightDecay(weightDecay);
  }

  @Override
  public List<String> slotNames() {
    return List.of("buf");
  }

  @Override
  public boolean usesStep() {
    return false;
  }

  @Override
  public void apply(
      float[] p, int off, float[] g, int len, float[][] slots, double lr, long t, double scale) {
    float[] buf = slots[0];
    for (int i = 0; i < len; i++) {
      int k = off + i;
      double d = UpdateRule.scaled(g, i, scale) + weightDecay * p[k];
      double b = momentum * buf[k] + d;
      buf[k] = (float) b;
      p[k] = (float) (p[k] - lr * b);
    }
  }
}
