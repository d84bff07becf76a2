package io.nash.space;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bit widths per role of a quantized NASH child network (nash-method.md section 4). The same record
 * drives the quantized child network ({@code io.nash.nn}) and its hardware lowering ({@code
 * io.nash.hw}), so both always agree on the widths. Immutable and thread-safe.
 *
 * <p>A width of 1 means bipolar (+-1): for weights, a {@code BipolarQuant}; for activations, the
 * sign. The image input itself is always 8-bit unsigned and is not a role here.
 *
 * @param backboneWeights weights of the backbone block convs and the 1x1 projection shortcuts
 * @param nasWeights weights of the NAS ops' convs (1 = binarized, as the paper)
 * @param activations ReLU / node activations between layers (unsigned after ReLU)
 * @param residual signed HardTanh on both operands of every residual or NAS addition
 * @param pool output of the quantized average pool before the classifier
 * @param classifierWeights weights of the final linear layer
 * @param firstLayerWeights weights of the stem conv
 */
public record QuantSpec(
    int backboneWeights,
    int nasWeights,
    int activations,
    int residual,
    int pool,
    int classifierWeights,
    int firstLayerWeights) {

  /** Widest bit width accepted for any role (FINN's MultiThreshold limit is 8 by default). */
  public static final int MAX_BITS = 16;

  /**
   * The NASH paper: 8-bit backbone weights, 1-bit NAS weights, 8-bit activations, 8-bit residual
   * HardTanh, 4-bit average pool, 8-bit classifier and stem.
   */
  public static final QuantSpec NASH_PAPER = new QuantSpec(8, 1, 8, 8, 4, 8, 8);

  /**
   * The reference non-NASH baseline: 1-bit block weights, 2-bit ReLUs, 8-bit residual HardTanh;
   * pool, classifier and stem as {@link #NASH_PAPER} (the reference keeps first and last layers at
   * 8 bits). NAS weights are unused by the baseline and kept at 1.
   */
  public static final QuantSpec BASELINE_PAPER = new QuantSpec(1, 1, 2, 8, 4, 8, 8);

  /**
   * The real range of every activation quantizer: a QuantReLU clamps to {@code [0, 10]}, a
   * QuantHardTanh to {@code [-10, 10]}.
   */
  public static final double ACTIVATION_MAX = 10.0;

  /** Scale of an unsigned b-bit QuantReLU on {@code [0, 10]} ({@link #reluScale(int, double)}). */
  public static float reluScale(int bits) {
    return reluScale(bits, ACTIVATION_MAX);
  }

  /**
   * Scale of a signed b-bit QuantHardTanh on {@code [-10, 10]} ({@link #hardTanhScale(int,
   * double)}).
   */
  public static float hardTanhScale(int bits) {
    return hardTanhScale(bits, ACTIVATION_MAX);
  }

  /**
   * Scale of an unsigned b-bit quantizer of {@code [0, max]}: {@code max / (2^b - 1)}, as a float.
   */
  public static float reluScale(int bits, double max) {
    return (float) (max / ((1L << bits) - 1));
  }

  /**
   * Scale of a signed b-bit quantizer of {@code [-max, max]}: {@code max / (2^(b-1) - 1)}, or
   * {@code max} at b = 1 (bipolar +-max), as a float.
   */
  public static float hardTanhScale(int bits, double max) {
    return bits == 1 ? (float) max : (float) (max / ((1L << (bits - 1)) - 1));
  }

  private static final Map<String, QuantSpec> PRESETS =
      Map.of("nash-paper", NASH_PAPER, "baseline-paper", BASELINE_PAPER);

  public QuantSpec {
    check("backbone-weights", backboneWeights);
    check("nas-weights", nasWeights);
    check("activations", activations);
    check("residual", residual);
    check("pool", pool);
    check("classifier-weights", classifierWeights);
    check("first-layer-weights", firstLayerWeights);
  }

  private static void check(String key, int bits) {
    if (bits < 1 || bits > MAX_BITS) {
      throw new IllegalArgumentException(
          "quant." + key + " = " + bits + ": must be in 1.." + MAX_BITS + " bits");
    }
  }

  /** Preset names accepted by {@link #named(String)}, sorted. */
  public static List<String> presetNames() {
    return PRESETS.keySet().stream().sorted().toList();
  }

  /** {@code nash-paper} or {@code baseline-paper} (case-insensitive); the error lists both. */
  public static QuantSpec named(String name) {
    QuantSpec q = name == null ? null : PRESETS.get(name.trim().toLowerCase(Locale.ROOT));
    if (q == null) {
      throw new IllegalArgumentException(
          "quant = '" + name + "': allowed presets are " + String.join(", ", presetNames()));
    }
    return q;
  }

  /** The preset name of this spec, or {@code custom}. */
  public String presetName() {
    return PRESETS.entrySet().stream()
        .filter(e -> e.getValue().equals(this))
        .map(Map.Entry::getKey)
        .sorted()
        .findFirst()
        .orElse("custom");
  }

  /** The widths with hyphenated keys, in declaration order (for provenance and reports). */
  public Map<String, Integer> asMap() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("backbone-weights", backboneWeights);
    m.put("nas-weights", nasWeights);
    m.put("activations", activations);
    m.put("residual", residual);
    m.put("pool", pool);
    m.put("classifier-weights", classifierWeights);
    m.put("first-layer-weights", firstLayerWeights);
    return m;
  }
}
