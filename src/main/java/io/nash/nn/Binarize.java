package io.nash.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * The binarization of nash-method.md section 1, written with {@code stopGradient} because DJL has
 * no user-defined backward functions.
 *
 * <ul>
 *   <li>Activations (Bi-Real): {@code x_b = F(x) + stopGradient(sign(x) - F(x))} with {@code F(x) =
 *       2c - c|c|}, {@code c = clip(x, -1, 1)}. {@code F} is -1 below -1, {@code 2x + x^2} on [-1,
 *       0), {@code 2x - x^2} on [0, 1), 1 above; its derivative {@code (2 - 2|x|)} for {@code |x| <
 *       1}, else 0, is the gradient of {@code x_b}. Forward value: {@code sign(x)} (0 at 0, as
 *       torch.sign).
 *   <li>Weights (straight-through, scaled): {@code W_b = (W + stopGradient(sign(W) - W)) * m},
 *       {@code m = stopGradient(mean|W|)}, so {@code dL/dW = m * dL/dW_b}.
 * </ul>
 *
 * Stateless and thread-safe; every result lives in the manager of its first operand.
 */
public final class Binarize {
  private Binarize() {}

  /**
   * Bi-Real binarized activation of {@code x} (forward: sign, backward: the polynomial's slope).
   */
  public static NDArray activation(NDArray x) {
    NDArray c = x.clip(-1f, 1f);
    // F = 2c - c|c|
    // c + c, not c.mul(2f): a Java-number operand is a temporary tensor DJL frees before backward
    NDArray f = c.add(c).subi(c.mul(c.abs()));
    NDArray detached = x.sign().subi(f).stopGradient();
    return f.add(detached);
  }

  /** Straight-through binarized weight {@code sign(W) * mean|W|} with gradient {@code m * g}. */
  public static NDArray weight(NDArray w) {
    NDArray m = w.abs().mean().stopGradient();
    NDArray ste = w.add(w.sign().subi(w).stopGradient());
    return ste.muli(m);
  }

  /** The scale {@code mean|W|} of a binarized weight, as a Java float (for tests and reports). */
  public static float scale(NDArray w) {
    return w.abs().mean().getFloat();
  }

  /**
   * A binarized convolution on an input that is already binarized ({@link #activation}), so that
   * several ops reading the same state share one binarization: {@code conv(x_b, weight(W))}.
   */
  public static NDArray conv(NDArray xb, NDArray w, int stride, int pad) {
    return conv2d(xb, weight(w), stride, pad);
  }

  /** A plain (full-precision) 2-D convolution without bias. */
  public static NDArray conv2d(NDArray x, NDArray w, int stride, int pad) {
    return Conv2d.conv2d(
            x, w, null, new Shape(stride, stride), new Shape(pad, pad), new Shape(1, 1), 1)
        .singletonOrThrow();
  }
}
