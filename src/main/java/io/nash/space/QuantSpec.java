package io.nash.space;

import java.util.Locale;

/**
 * Bit widths per quantization role of a final (child) network, nash-method.md section 4. Bit widths
 * are settings, not constants: they are a main axis of hardware sweeps. Immutable and thread-safe.
 *
 * @param backboneWeightBits weights of the backbone convs and the 1x1 shortcuts (1 = bipolar)
 * @param nasWeightBits weights of the NAS ops' convs (1 = bipolar, the paper's choice)
 * @param activationBits unsigned QuantReLU after the stem and between layers
 * @param residualBits signed QuantHardTanh on both operands of every residual/NAS addition
 * @param poolBits output of the quantized average pool before the classifier
 * @param classifierBits weights of the linear classifier
 * @param firstLayerBits weights of the stem conv
 */
public record QuantSpec(
    int backboneWeightBits,
    int nasWeightBits,
    int activationBits,
    int residualBits,
    int poolBits,
    int classifierBits,
    int firstLayerBits) {

  /** Largest bit width accepted for any role. */
  public static final int MAX_BITS = 32;

  public QuantSpec {
    check("backbone-weight-bits", backboneWeightBits);
    check("nas-weight-bits", nasWeightBits);
    check("activation-bits", activationBits);
    check("residual-bits", residualBits);
    check("pool-bits", poolBits);
    check("classifier-bits", classifierBits);
    check("first-layer-bits", firstLayerBits);
  }

  /**
   * The NASH paper's final networks: 8-bit backbone weights, 1-bit NAS-op weights, 8-bit
   * activations and residual operands, a 4-bit average pool, 8-bit classifier and stem.
   */
  public static QuantSpec nashPaper() {
    return new QuantSpec(8, 1, 8, 8, 4, 8, 8);
  }

  /**
   * The reference non-NASH baseline: 1-bit block weights, 2-bit ReLUs, 8-bit residual HardTanh, a
   * 4-bit pool, 8-bit stem and classifier.
   */
  public static QuantSpec baselinePaper() {
    return new QuantSpec(1, 1, 2, 8, 4, 8, 8);
  }

  /** {@code nash-paper} or {@code baseline-paper} (case-insensitive; '_' accepted for '-'). */
  public static QuantSpec fromName(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (n) {
      case "nash-paper" -> nashPaper();
      case "baseline-paper" -> baselinePaper();
      default ->
          throw new IllegalArgumentException(
              "quant preset = '" + name + "': allowed are nash-paper, baseline-paper");
    };
  }

  private static void check(String role, int bits) {
    if (bits < 1 || bits > MAX_BITS) {
      throw new IllegalArgumentException(
          "quant." + role + " = " + bits + ": must be in 1.." + MAX_BITS);
    }
  }
}
