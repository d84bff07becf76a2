package io.nash.nn.quant;

import ai.djl.ndarray.NDArray;

/**
 * Unsigned quantized ReLU (Brevitas {@code QuantReLU(max_val=10)}): {@code clamp(x, 0, 10)} on a
 * b-bit grid of scale {@code 10 / (2^b - 1)}. Exported as {@code Relu -> Quant(signed=0,
 * narrow=0)}. Stateless and thread-safe.
 */
public final class QuantReLU extends ParamFreeLayer {
  /** The activation range used throughout the child network (nash-method.md section 4). */
  public static final double MAX = io.nash.space.QuantSpec.ACTIVATION_MAX;

  private final int bits;

  public QuantReLU(String name, int bits) {
    super(name);
    Quantizers.checkBits(bits);
    this.bits = bits;
  }

  public NDArray forward(NDArray x) {
    return Quantizers.relu(x, bits, MAX);
  }

  public int bits() {
    return bits;
  }

  public float scale() {
    return Quantizers.reluScale(bits, MAX);
  }

  @Override
  public String describe() {
    return "QuantReLU u" + bits + " max " + MAX + " scale " + scale();
  }
}
