package io.nash.nn.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import io.nash.nn.quant.QuantConv2d;
import io.nash.nn.quant.QuantLinear;
import io.nash.nn.quant.Quantizers;

/**
 * Reads weights and scales out of a DJL child network as plain float arrays, computing the
 * quantized values with the network's own {@link Quantizers}, so exported constants are bit for bit
 * those the DJL forward pass uses. Intermediate arrays are closed by an {@link NDScope}, so nothing
 * accumulates in the network's manager. Stateless; as thread-safe as the network (not).
 */
final class WeightValues {
  private WeightValues() {}

  static float[] convQuantized(QuantConv2d c) {
    return quantized(c.weight().array(), c.weightBits());
  }

  static float[] convScales(QuantConv2d c) {
    return scales(c.weight().array(), c.weightBits());
  }

  /**
   * 1x1 weights {@code (out, in)} placed at the bottom-right tap of a 2x2 kernel, {@code (out, in,
   * 2, 2)}, zeros elsewhere.
   */
  static float[] bottomRightTap(float[] w) {
    float[] k = new float[w.length * 4];
    for (int i = 0; i < w.length; i++) {
      k[i * 4 + 3] = w[i];
    }
    return k;
  }

  static float[] linearQuantized(QuantLinear l) {
    return quantized(l.weight().array(), l.weightBits());
  }

  static float[] linearScales(QuantLinear l) {
    return scales(l.weight().array(), l.weightBits());
  }

  private static float[] quantized(NDArray w, int bits) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      return Quantizers.weight(w, bits).toFloatArray();
    }
  }

  private static float[] scales(NDArray w, int bits) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      return Quantizers.weightScale(w, bits).toFloatArray();
    }
  }
}
