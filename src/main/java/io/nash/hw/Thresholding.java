package io.nash.hw;

import java.util.List;
import java.util.Map;

/**
 * A standalone Thresholding layer (section 3.5): a quantized activation that could not be fused
 * into a preceding MVAU. The threshold type is the input type (FINN's MinimizeAccumulatorWidth
 * clips thresholds to the input range). Immutable.
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
    int pe,
    String ramStyle,
    Impl impl)
    implements HwOp {

  public Thresholding {
    HwOp.requireDivides("Thresholding PE", pe, channels, "NumChannels");
  }

  /** As FINN converts and specializes it: PE = 1, Thresholding_rtl. */
  public static Thresholding create(
      int h, int w, boolean fc, int channels, DataType in, DataType out) {
    return new Thresholding(h, w, fc, channels, in, out, 1, "distributed", Impl.RTL);
  }

  /**
   * Threshold steps: 1 for a bipolar output, {@code 2^bits - 1} for an unsigned one and {@code
   * 2^bits - 2} for a signed one: signed activations are narrow-range ({@code [-(2^(b-1)-1),
   * 2^(b-1)-1]}, the network's HardTanh), as FINN converts them.
   */
  public int numSteps() {
    return output.bipolar() ? 1 : (1 << output.bits()) - (output.signed() ? 2 : 1);
  }

  /**
   * The threshold type after FINN's MinimizeAccumulatorWidth in the worst case: FINN rounds and
   * clips thresholds to {@code [in.min, in.max + 1]} and takes the smallest type holding that range
   * and the input's; trained thresholds often reach the clip (a level the input never crosses), so
   * this is an upper bound that FINN meets whenever one threshold is clipped at the top.
   */
  public DataType thresholdType() {
    long lo = input.min();
    long hi = input.max() + 1;
    if (lo < 0) {
      return Math.abs(lo) > hi ? DataType.smallest(lo, 0) : DataType.smallest(-hi - 1, 0);
    }
    return DataType.smallest(0, hi);
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
        new Attrs()
            .put("backend", "fpgadataflow")
            .put("NumChannels", channels)
            .put("PE", pe)
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
    return new Attrs().put("PE", pe).build();
  }

  @Override
  public Thresholding withFold(int newPe, int simd, boolean pw) {
    return new Thresholding(h, w, fc, channels, input, output, newPe, ramStyle, impl);
  }
}
