package io.nash.search.dist;

import io.nash.search.api.FlatOptimizer;

/**
 * SGD with momentum and L2 weight decay, PyTorch's formula with dampening 0: {@code d = g + wd*p;
 * buf = momentum*buf + d; p -= lr*buf}. The buffer starts at zero, which equals PyTorch's
 * first-step {@code buf = d}. Callers update only the tensors that have a gradient this step (the
 * sampled path's): PyTorch's SGD skips parameters whose {@code grad} is None ({@code
 * zero_grad(set_to_none=True)}, its default since 2.0), so an untouched tensor gets neither weight
 * decay nor a momentum step and its weights and buffer stay bit for bit. The Spark engine relies on
 * this to broadcast only the changed tensors. Not thread-safe.
 */
public final class SgdMomentum implements FlatOptimizer {
  private final double momentum;
  private final double weightDecay;
  private float[] buf;

  public SgdMomentum(int size, double momentum, double weightDecay) {
    if (!(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
      throw new IllegalArgumentException(
          "sgd momentum = " + momentum + ", weight decay = " + weightDecay + ": need [0,1), >= 0");
    }
    this.momentum = momentum;
    this.weightDecay = weightDecay;
    this.buf = new float[size];
  }

  @Override
  public void update(float[] params, int offset, float[] grad, int len, double lr) {
    update(params, offset, grad, len, lr, 1);
  }

  /**
   * {@link #update} with the gradient multiplied by {@code scale} first, rounded to float as a
   * clipped gradient array would be (so it equals clipping into a copy, then updating, without the
   * copy); {@code scale = 1} leaves every value exact.
   */
  public void update(float[] params, int offset, float[] grad, int len, double lr, double scale) {
    for (int i = 0; i < len; i++) {
      int k = offset + i;
      float g = scale == 1 ? grad[i] : (float) (grad[i] * scale);
      double d = g + weightDecay * params[k];
      double b = momentum * buf[k] + d;
      buf[k] = (float) b;
      params[k] = (float) (params[k] - lr * b);
    }
  }

  @Override
  public float[][] state() {
    return new float[][] {buf.clone()};
  }

  @Override
  public void restore(float[][] state) {
    if (state.length != 1 || state[0].length != buf.length) {
      throw new IllegalArgumentException("sgd state does not match " + buf.length + " params");
    }
    buf = state[0].clone();
  }
}
