package io.nash.nn.quant;

import ai.djl.ndarray.NDArray;

/**
 * Signed quantized HardTanh (Brevitas {@code QuantHardTanh(min_val=-10, max_val=10)}) on each
 * operand of a residual or NAS addition, so that adds in hardware see integers of one scale: {@code
 * clamp(x, -10, 10)} on a b-bit grid of scale {@code 10 / (2^(b-1) - 1)}, not narrow (bipolar +-10
 * at b = 1). Stateless and thread-safe.
 */
public final class QuantHardTanh extends ParamFreeLayer {
  private final int bits;

  public QuantHardTanh(String name, int bits) {
    super(name);
    Quantizers.checkBits(bits);
    this.bits = bits;
  }

  public NDArray forward(NDArray x) {
    return Quantizers.hardTanh(x, bits, QuantReLU.MAX);
  }

  public int bits() {
    return bits;
  }

  public float scale() {
    return Quantizers.hardTanhScale(bits, QuantReLU.MAX);
  }

  @Override
  public String describe() {
    return "QuantHardTanh s" + bits + " +-" + QuantReLU.MAX + " scale " + scale();
  }
}
