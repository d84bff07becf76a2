package io.nash.hw;

import java.util.List;
import java.util.Map;

/**
 * A standalone Thresholding layer (section 3.5): a quantized activation that could not be fused
 * into a preceding MVAU. Its threshold type {@code thresholds} is what FINN's
 * MinimizeAccumulatorWidth gives for the threshold values ({@link #withThresholds}), or the worst
 * case ({@link #worstCaseThresholdType}). Immutable.
 *
 * <p>Deliberate fix of a FINN quirk: FINN's Thresholding_rtl {@code bram_estimation} reads the key
 * "BRAM" of its memory tally, which is filled under "BRAM18", so FINN always reports 0 BRAM. We
 * report the BRAM18 count.
 */
public record Thresholding(
    int h,
    int w,
    boolean fc,
    int channels,
    DataType input,
    DataType output,
    DataType thresholds,
    int pe,
    String ramStyle,
    Impl impl)
    implements HwOp {

  public Thresholding {
    HwOp.requireDivides("Thresholding PE", pe, channels, "NumChannels");
  }

  /**
   * As FINN converts and specializes it: PE = 1, Thresholding_rtl, with the worst-case threshold
   * type.
   */
  public static Thresholding create(
      int h, int w, boolean fc, int channels, DataType in, DataType out) {
    return new Thresholding(
        h, w, fc, channels, in, out, worstCaseThresholdType(in), 1, "distributed", Impl.RTL);
  }

  /**
   * This layer for an output quantizer fed, per channel c, the real value {@code a_c s_in x + b_c}
   * of its integer input x: FINN's thresholds, rounded and clipped, give the threshold type ({@link
   * #thresholdRange}).
   *
   * @param inScale the real value of one input step
   * @param outScale the output quantizer's scale
   * @param f the per-channel affine map between them (a batch norm, or the identity)
   */
  public Thresholding withThresholds(double inScale, double outScale, TrainedValues.Affine f) {
    if (f.channels() != channels) {
      throw new IllegalArgumentException(
          "thresholds for " + f.channels() + " channels on a layer of " + channels);
    }
    long[] r = thresholdRange(input, inScale, output, outScale, f);
    return new Thresholding(
        h, w, fc, channels, input, output, thresholdType(input, r[0], r[1]), pe, ramStyle, impl);
  }

  /**
   * The extremes of the thresholds FINN computes, in the integer input's units: the converted
   * quantizer's thresholds {@code (L - 1/2) s_out} for every level L above the lowest (one at 0 for
   * a bipolar output), with the batch norm and the input scale absorbed ({@code (T - b_c) / (a_c
   * s_in)}), then RoundAndClipThresholds: rounded up, negative ones set to 0 for an unsigned input,
   * and clipped to {@code [in.min - 1, in.max + 1]}.
   */
  static long[] thresholdRange(
      DataType in, double inScale, DataType out, double outScale, TrainedValues.Affine f) {
    double[] levels;
    if (out.bipolar()) {
      levels = new double[] {0};
    } else {
      long lo = actVal(out);
      long hi = out.signed() ? (1L << (out.bits() - 1)) - 1 : (1L << out.bits()) - 1;
      levels = new double[] {(lo + 0.5) * outScale, (hi - 0.5) * outScale};
    }
    long tMin = Long.MAX_VALUE;
    long tMax = Long.MIN_VALUE;
    for (int c = 0; c < f.channels(); c++) {
      for (double t : levels) {
        double x = Math.ceil((t - f.b()[c]) / (f.a()[c] * inScale));
        if (!in.signed()) {
          x = Math.max(0, x);
        }
        x = Math.max(in.min() - 1, Math.min(in.max() + 1, x));
        tMin = Math.min(tMin, (long) x);
        tMax = Math.max(tMax, (long) x);
      }
    }
    return new long[] {tMin, tMax};
  }

  /**
   * FINN's Thresholding MinimizeAccumulatorWidth: the smallest type holding the input's range and
   * the thresholds {@code [tMin, tMax]}, a signed one sized for {@code -max - 1} unless the minimum
   * is the larger magnitude.
   */
  static DataType thresholdType(DataType in, long tMin, long tMax) {
    long lo = Math.min(in.min(), tMin);
    long hi = Math.max(in.max(), tMax);
    if (lo < 0) {
      return Math.abs(lo) > hi ? DataType.smallest(lo, 0) : DataType.smallest(-hi - 1, 0);
    }
    return DataType.smallest(0, hi);
  }

  /**
   * The threshold type when some threshold reaches the clip at {@code in.max + 1} (a level the
   * input never crosses): an upper bound, which FINN meets whenever one threshold is clipped at the
   * top.
   */
  public static DataType worstCaseThresholdType(DataType in) {
    return thresholdType(in, in.signed() ? in.min() - 1 : 0, in.max() + 1);
  }

  /**
   * Threshold steps: 1 for a bipolar output, {@code 2^bits - 1} for an unsigned one and {@code
   * 2^bits - 2} for a signed one: signed activations are narrow-range ({@code [-(2^(b-1)-1),
   * 2^(b-1)-1]}, the network's HardTanh), as FINN converts them.
   */
  public int numSteps() {
    return output.bipolar() ? 1 : (1 << output.bits()) - (output.signed() ? 2 : 1);
  }

  /** The threshold type (FINN's {@code weightDataType}). */
  public DataType thresholdType() {
    return thresholds;
  }

  /** FINN's ActVal: the narrow minimum of a signed output, else 0. */
  static long actVal(DataType output) {
    return output.signed() && !output.bipolar() ? -((1L << (output.bits() - 1)) - 1) : 0;
  }

  @Override
  public String opType() {
    return "Thresholding";
  }

  @Override
  public List<StreamShape> inputs() {
    return List.of(new StreamShape(h, w, channels, input));
  }

  @Override
  public List<StreamShape> outputs() {
    return List.of(new StreamShape(h, w, channels, output));
  }

  @Override
  public long cycles() {
    return FinnCost.streamCycles((long) h * w, channels, pe);
  }

  @Override
  public Resources resources(DspType dsp) {
    if (impl == Impl.HLS) {
      return Resources.of(
          FinnCost.thresholdHlsBram(ramStyle, thresholdType().bits(), pe, channels),
          FinnCost.thresholdHlsLut(ramStyle, thresholdType().bits(), pe, channels),
          0,
          0);
    }
    int[] mem = FinnCost.thresholdRtlMemory(channels, pe, thresholdType().bits(), output.bits());
    return Resources.of(mem[1], mem[2], mem[0], 0);
  }

  @Override
  public Map<String, Object> attributes() {
    Attrs a =
        Attrs.channelwise(channels, pe)
            .put("numSteps", numSteps())
            .put("inputDataType", input)
            .put("weightDataType", thresholdType())
            .put("outputDataType", output)
            .put("numInputVectors", fc ? Attrs.ints(1) : Attrs.ints(1, h, w))
            .put("ActVal", (int) actVal(output));
    if (impl == Impl.RTL) {
      a.put("depth_trigger_uram", 0).put("depth_trigger_bram", 0);
    } else {
      a.put("mem_mode", FinnCost.EMBEDDED).put("ram_style", ramStyle);
    }
    return a.put("runtime_writeable_weights", 0).build();
  }

  @Override
  public Map<String, Long> opAndParamCounts() {
    if (impl == Impl.RTL) {
      return Map.of(); // FINN defines the counts on Thresholding_hls only (section 2)
    }
    return Map.of("param_threshold_" + thresholdType().bits() + "b", (long) channels * numSteps());
  }

  @Override
  public Map<String, Object> foldingEntry() {
    return Attrs.peFolding(pe);
  }

  @Override
  public Thresholding withFold(int newPe, int simd, boolean pw) {
    return new Thresholding(h, w, fc, channels, input, output, thresholds, newPe, ramStyle, impl);
  }
}
