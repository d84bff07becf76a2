package io.nash.optim;

import java.util.List;

/**
 * One optimizer update rule over float arrays with per-value state slots (Adam's two moments, SGD's
 * momentum buffer). Immutable settings only: the state lives in the arrays the caller passes, laid
 * out like the parameters, so a flat array ({@link FlatOptimizer}) and a list of tensors ({@code
 * train.ParamOptimizer}) run the same arithmetic. Thread-safe; the arrays are not.
 */
public sealed interface UpdateRule permits Adam, SgdMomentum {

  /**
   * Names of the state slots, in the order {@link #apply} takes them (e.g. {@code m}, {@code v}).
   */
  List<String> slotNames();

  /** True when the update depends on the step number (bias correction), so it is state too. */
  boolean usesStep();

  /**
   * Updates the parameters {@code p[off .. off+len)} in place from the gradient {@code g[0 .. len)}
   * at learning rate {@code lr}, reading and writing {@code slots[s][off .. off+len)} (one array
   * per {@link #slotNames() slot}); {@code t} is the step number, counted from 1. The gradient is
   * multiplied by {@code scale} first and rounded to float, as a clipped copy of the gradient would
   * be; {@code scale = 1} leaves every value exact. Arithmetic in double, state stored in float.
   */
  void apply(
      float[] p, int off, float[] g, int len, float[][] slots, double lr, long t, double scale);

  /** {@code grad[i] * gradScale} rounded to float, or {@code grad[i]} itself for scale 1. */
  static float scaled(float[] grad, int i, double gradScale) {
    return gradScale == 1 ? grad[i] : (float) (grad[i] * gradScale);
  }

  /** Rejects a negative or NaN weight decay. */
  static double checkWeightDecay(double weightDecay) {
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException("weight decay = " + weightDecay + ": must be >= 0");
    }
    return weightDecay;
  }
}
