package io.nash.search.dist;

import io.nash.search.api.FlatOptimizer;

/**
 * Adam with L2 weight decay added to the gradient, PyTorch's formula: {@code g += wd*p; m = b1*m +
 * (1-b1)g; v = b2*v + (1-b2)g^2; p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}. One step
 * counter for the whole array: alpha is updated as one dense tensor every round. Not thread-safe.
 */
public final class Adam implements FlatOptimizer {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private float[] m;
  private float[] v;
  private long step;

  public Adam(int size, double beta1, double beta2, double eps, double weightDecay) {
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
      throw new IllegalArgumentException(
          "adam betas = (" + beta1 + ", " + beta2 + "), eps = " + eps + ": need [0,1), > 0");
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.m = new float[size];
    this.v = new float[size];
  }

  @Override
  public void update(float[] params, int offset, float[] grad, int len, double lr) {
    step++;
    double bc1 = 1 - Math.pow(beta1, step);
    double bc2 = Math.sqrt(1 - Math.pow(beta2, step));
    for (int i = 0; i < len; i++) {
      int k = offset + i;
      double g = grad[i] + weightDecay * params[k];
      double mk = beta1 * m[k] + (1 - beta1) * g;
      double vk = beta2 * v[k] + (1 - beta2) * g * g;
      m[k] = (float) mk;
      v[k] = (float) vk;
      params[k] = (float) (params[k] - lr / bc1 * mk / (Math.sqrt(vk) / bc2 + eps));
    }
  }

  @Override
  public float[][] state() {
    return new float[][] {m.clone(), v.clone(), {Float.intBitsToFloat((int) step)}};
  }

  @Override
  public void restore(float[][] state) {
    if (state.length != 3 || state[0].length != m.length || state[1].length != v.length) {
      throw new IllegalArgumentException("adam state does not match " + m.length + " params");
    }
    m = state[0].clone();
    v = state[1].clone();
    step = Float.floatToRawIntBits(state[2][0]);
  }
}
