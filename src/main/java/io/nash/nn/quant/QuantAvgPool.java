package io.nash.nn.quant;

import ai.djl.ndarray.NDArray;

/**
 * Global average pool with a truncated integer output, as FINN's {@code QuantAvgPool2d} (and
 * Brevitas's {@code TruncAvgPool2d}, exported as {@code AvgPool -> Mul -> Trunc}). The input must
 * be the unsigned output of a {@link QuantReLU} with {@code inBits} bits and scale {@code s_in}.
 * Over a window of {@code K = H*W} positions the integer sum needs {@code acc = inBits + ceil(log2
 * K)} bits; the pool keeps its top {@code outBits}: {@code y_int = floor(sum_int / 2^shift)} with
 * {@code shift = max(0, acc - outBits)}, clamped to {@code [0, 2^outBits - 1]}, and {@code y =
 * y_int * s_in * 2^shift / K} so that y approximates the mean. Straight-through floor. Stateless
 * and thread-safe.
 */
public final class QuantAvgPool extends ParamFreeLayer {
  private final int inBits;
  private final int outBits;
  private final float inScale;
  private final int window;

  /**
   * @param window number of pooled positions K (H * W of the final feature map)
   */
  public QuantAvgPool(String name, int inBits, int outBits, float inScale, int window) {
    super(name);
    Quantizers.checkBits(inBits);
    Quantizers.checkBits(outBits);
    if (window < 1) {
      throw new IllegalArgumentException(name + ": pool window = " + window + ": must be >= 1");
    }
    this.inBits = inBits;
    this.outBits = outBits;
    this.inScale = inScale;
    this.window = window;
  }

  /** Accumulator bits {@code inBits + ceil(log2 K)}. */
  public int accumulatorBits() {
    return inBits + (32 - Integer.numberOfLeadingZeros(window - 1));
  }

  /** Right shift applied to the integer sum. */
  public int shift() {
    return Math.max(0, accumulatorBits() - outBits);
  }

  /** Scale of the output integers: {@code s_in * 2^shift / K}. */
  public float outScale() {
    return (float) (inScale * Math.pow(2, shift()) / window);
  }

  /** (N, C, H, W) with H*W = window to (N, C). */
  public NDArray forward(NDArray x) {
    NDArray sum = x.sum(new int[] {2, 3});
    // sum / s_in is the integer sum: round it first (float sums of quantized values can land one
    // ulp below an exact integer, and a floor would then drop a whole step), then divide by
    // 2^shift, floor and clamp, as QONNX Trunc and FINN's hardware compute it.
    NDArray t = sum.div(Quantizers.scalar(sum, inScale * Math.pow(2, shift())));
    NDArray sumInt = sum.div(Quantizers.scalar(sum, inScale)).round();
    NDArray q =
        sumInt
            .div(Quantizers.scalar(sum, Math.pow(2, shift())))
            .floor()
            .clip(0, Math.pow(2, outBits) - 1);
    // straight-through floor: the gradient of y with respect to the sum is 1/K, as for a mean
    return Quantizers.straightThrough(t, q).mul(Quantizers.scalar(t, outScale()));
  }

  public int inBits() {
    return inBits;
  }

  public int outBits() {
    return outBits;
  }

  public float inScale() {
    return inScale;
  }

  public int window() {
    return window;
  }

  @Override
  public String describe() {
    return String.format(
        "QuantAvgPool K=%d u%d->u%d acc %d shift %d out scale %g",
        window, inBits, outBits, accumulatorBits(), shift(), outScale());
  }
}
