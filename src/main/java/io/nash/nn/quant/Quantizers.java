package io.nash.nn.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Brevitas-style fake quantization on DJL arrays, with straight-through rounding (the forward pass
 * sees the quantized value, the backward pass the identity, or the clamp's mask for activations).
 *
 * <p>The core is {@link #quant}, which follows the QONNX {@code Quant} op exactly (finn-reference
 * section 6.1): {@code y = scale * clamp(round(x / scale), minInt, maxInt)} with zero point 0,
 * rounding half to even, and the clamp limits set by {@code signed} and {@code narrow}. The other
 * methods choose the scale the way Brevitas does for each role. Scales are detached ({@code
 * stopGradient}): gradients reach the float weights only through the straight-through estimator.
 *
 * <p>Stateless; thread-safe as far as the arrays passed in are.
 */
public final class Quantizers {
  private Quantizers() {}

  /** Smallest scale used when a channel's weights are all zero (keeps the division finite). */
  static final float MIN_SCALE = 1e-8f;

  /** Largest integer of a b-bit grid: 2^(b-1)-1 signed, 2^b-1 (2^b-2 narrow) unsigned. */
  public static double maxInt(int bits, boolean signed, boolean narrow) {
    checkBits(bits);
    if (signed) {
      return Math.pow(2, bits - 1) - 1;
    }
    return Math.pow(2, bits) - 1 - (narrow ? 1 : 0);
  }

  /** Smallest integer of a b-bit grid: -2^(b-1) signed (+1 if narrow), 0 unsigned. */
  public static double minInt(int bits, boolean signed, boolean narrow) {
    checkBits(bits);
    if (!signed) {
      return 0;
    }
    return -Math.pow(2, bits - 1) + (narrow ? 1 : 0);
  }

  /**
   * QONNX {@code Quant} with straight-through rounding: {@code scale * clamp(round(x/scale))}.
   * {@code scale} must broadcast against {@code x}; gradients pass through unchanged (the clamp is
   * not masked here: callers clamp the float value first where Brevitas does).
   */
  public static NDArray quant(NDArray x, NDArray scale, int bits, boolean signed, boolean narrow) {
    double lo = minInt(bits, signed, narrow);
    double hi = maxInt(bits, signed, narrow);
    NDArray s = scale.stopGradient();
    NDArray q = x.div(s).round().clip(lo, hi).mul(s);
    return straightThrough(x, q);
  }

  /** As {@link #quant(NDArray, NDArray, int, boolean, boolean)} with a scalar scale. */
  public static NDArray quant(NDArray x, float scale, int bits, boolean signed, boolean narrow) {
    double lo = minInt(bits, signed, narrow);
    double hi = maxInt(bits, signed, narrow);
    NDArray q = x.div(scale).round().clip(lo, hi).mul(scale);
    return straightThrough(x, q);
  }

  /**
   * Per-output-channel weight scale, detached: {@code max|W_c| / (2^(b-1)-1)} for b >= 2 (signed,
   * narrow: the grid is symmetric), {@code mean|W_c|} for b = 1 (bipolar). Axis 0 is the output
   * channel; the result has W's rank with size 1 on every other axis.
   */
  public static NDArray weightScale(NDArray w, int bits) {
    checkBits(bits);
    // reduce over everything but axis 0 on a (out, rest) view; PyTorch max takes one axis only
    Shape shape = w.getShape();
    long[] keep = new long[shape.dimension()];
    java.util.Arrays.fill(keep, 1);
    keep[0] = shape.get(0);
    NDArray a = w.stopGradient().abs().reshape(shape.get(0), -1);
    NDArray s =
        bits == 1 ? a.mean(new int[] {1}) : a.max(new int[] {1}).div(maxInt(bits, true, true));
    s = s.reshape(new Shape(keep));
    return s.maximum(MIN_SCALE);
  }

  /**
   * Weight fake quantization per output channel: bipolar {@code sign(W) * mean|W_c|} for b = 1
   * (sign(0) = +1, as BipolarQuant), else signed narrow integers with the max-|W| scale. Gradient:
   * {@code scale_c * dL/dWq} for bipolar (Brevitas's sign-STE times the detached scale), identity
   * otherwise (the max scale keeps every value inside the grid, so the clamp never cuts).
   */
  public static NDArray weight(NDArray w, int bits) {
    NDArray s = weightScale(w, bits);
    if (bits == 1) {
      NDArray sign = bipolarSign(w.stopGradient());
      return straightThrough(w, sign).mul(s);
    }
    return quant(w, s, bits, true, true);
  }

  /** Scale of an unsigned QuantReLU with b bits and maximum {@code max}: {@code max/(2^b-1)}. */
  public static float reluScale(int bits, double max) {
    return io.nash.space.QuantSpec.reluScale(bits, max);
  }

  /**
   * Scale of a signed QuantHardTanh with b bits and range +-max: {@code max/(2^(b-1)-1)}, or {@code
   * max} for b = 1 (bipolar, values +-max).
   */
  public static float hardTanhScale(int bits, double max) {
    return io.nash.space.QuantSpec.hardTanhScale(bits, max);
  }

  /**
   * Unsigned QuantReLU: {@code clamp(x, 0, max)} quantized to b bits ({@link #reluScale}); the
   * gradient is 1 on (0, max) and 0 outside, as clamp then straight-through rounding gives.
   */
  public static NDArray relu(NDArray x, int bits, double max) {
    NDArray c = x.clip(0, max);
    return quant(c, reluScale(bits, max), bits, false, false);
  }

  /**
   * Signed QuantHardTanh: {@code clamp(x, -max, max)} quantized to b bits, not narrow (scale {@link
   * #hardTanhScale}); b = 1 gives bipolar {@code +-max}. Gradient 1 inside (-max, max).
   */
  public static NDArray hardTanh(NDArray x, int bits, double max) {
    NDArray c = x.clip(-max, max);
    if (bits == 1) {
      return straightThrough(c, bipolarSign(c.stopGradient()).mul(max));
    }
    return quant(c, hardTanhScale(bits, max), bits, true, false);
  }

  /** {@code x + stopGradient(q - x)}: forward value q, gradient of x. */
  static NDArray straightThrough(NDArray x, NDArray q) {
    return x.add(q.sub(x).stopGradient());
  }

  /**
   * A 0-d array of {@code value} on {@code like}'s manager, in tensor-owned memory. Use it instead
   * of a {@code Number} operand wherever the gradient flows: DJL turns a Number into a temporary
   * array over a Java buffer and closes it right after the op, so autograd later reads freed memory
   * (garbage or NaN gradients, seen with DJL 0.36 and libtorch 2.7.1).
   */
  public static NDArray scalar(NDArray like, double value) {
    return like.getManager().full(new Shape(), (float) value);
  }

  /** +1 where x >= 0, -1 elsewhere (BipolarQuant; unlike sign(), never 0). */
  static NDArray bipolarSign(NDArray x) {
    NDArray pos = x.gte(0);
    NDArray one = x.onesLike();
    return NDArrays.where(pos, one, one.neg()).toType(DataType.FLOAT32, false);
  }

  static void checkBits(int bits) {
    if (bits < 1 || bits > 32) {
      throw new IllegalArgumentException("bit width = " + bits + ": must be in 1..32");
    }
  }
}
