package io.nash.hw;

import java.util.List;
import java.util.Map;

/**
 * A MatrixVectorActivation layer (finn-reference.md section 3.2): a conv after im2col or a fully
 * connected layer, {@code MW} inputs by {@code MH} outputs applied to {@code h*w} vectors, with
 * thresholds fused ({@code noActivation == false}) or not, optionally in XNOR-popcount mode.
 * Immutable.
 *
 * @param h output rows (1 for a fully connected layer)
 * @param w output columns (1 for a fully connected layer)
 * @param fc true for a fully connected layer ({@code numInputVectors = [1]})
 * @param mw matrix width (k*k*C_in)
 * @param mh matrix height (C_out)
 * @param input input datatype
 * @param weight weight datatype (after FINN's MinimizeWeightBitWidth, assumed full width)
 * @param weightsNarrow narrow-range weights (no -2^(W-1)); decides MVAU_rtl on DSP48E1 parts
 * @param output output datatype (the threshold output, or the accumulator)
 * @param acc accumulator datatype
 * @param noActivation true without fused thresholds
 * @param binaryXnor XNOR-popcount mode (bipolar inputs and weights)
 */
public record Mvau(
    int h,
    int w,
    boolean fc,
    int mw,
    int mh,
    DataType input,
    DataType weight,
    boolean weightsNarrow,
    DataType output,
    DataType acc,
    boolean noActivation,
    boolean binaryXnor,
    int pe,
    int simd,
    String memMode,
    String ramStyle,
    String ramStyleThresholds,
    String resType,
    Impl impl)
    implements HwOp {

  public Mvau {
    HwOp.requireDivides("MVAU PE", pe, mh, "MH");
    HwOp.requireDivides("MVAU SIMD", simd, mw, "MW");
    if (binaryXnor && !(input.bipolar() && weight.bipolar())) {
      throw new IllegalArgumentException(
          "MVAU binaryXnorMode needs BIPOLAR input and weights, got " + input + " / " + weight);
    }
    if (impl == Impl.RTL && "lut".equals(resType)) {
      throw new IllegalArgumentException("MVAU_rtl resType = lut: not allowed (FINN asserts)");
    }
  }

  /**
   * An MVAU as FINN converts it (PE = SIMD = 1, decoupled weights, RAM style auto), with the
   * accumulator of the worst-case weight range and the variant chosen by SpecializeLayers.
   *
   * @param output the fused threshold output type, or {@code null} for {@code noActivation}
   */
  public static Mvau create(
      int h,
      int w,
      boolean fc,
      int mw,
      int mh,
      DataType input,
      DataType weight,
      boolean weightsNarrow,
      DataType output,
      DspType dsp) {
    boolean xnor = input.bipolar() && weight.bipolar();
    DataType acc = accumulator(mw, input, weight, weightsNarrow, xnor);
    boolean noAct = output == null;
    Impl impl = specialize(input, weight, weightsNarrow, noAct, xnor, dsp);
    return new Mvau(
        h,
        w,
        fc,
        mw,
        mh,
        input,
        weight,
        weightsNarrow,
        noAct ? acc : output,
        acc,
        noAct,
        xnor,
        1,
        1,
        FinnCost.DECOUPLED,
        "auto",
        "auto",
        "auto",
        impl);
  }

  /**
   * This MVAU with the types FINN's bit-width minimisation gives for trained integer weights: the
   * weight type of their extremes (MinimizeWeightBitWidth) and the accumulator of their dot-product
   * range (MinimizeAccumulatorWidth; fused thresholds are clipped to that range, so they never
   * widen it), also the output of a no-activation MVAU. The variant stays: FINN specializes before
   * it minimizes.
   */
  public Mvau withWeights(TrainedValues.WeightStats wts) {
    if (wts.channels() != mh) {
      throw new IllegalArgumentException(
          "weights of " + wts.channels() + " output channels for an MVAU with MH = " + mh);
    }
    if (binaryXnor) {
      throw new IllegalStateException("XNOR-popcount MVAUs take no trained accumulator here");
    }
    DataType a = wts.accumulator(input);
    return withTypes(wts.weightType(), noActivation ? a : output, a);
  }

  /**
   * This no-activation MVAU as the last layer of the graph: FINN's MinimizeAccumulatorWidth rounds
   * the accumulator (and so the output) of a graph's last MVAU up to whole bytes.
   */
  public Mvau graphOutput() {
    if (!noActivation) {
      throw new IllegalStateException("only a no-activation MVAU ends the graph with its sums");
    }
    int bits = (acc.bits() + 7) / 8 * 8;
    DataType t = acc.signed() ? DataType.sint(bits) : DataType.uint(bits);
    return withTypes(weight, t, t);
  }

  /** This MVAU with other weight, output and accumulator types. */
  private Mvau withTypes(DataType wt, DataType out, DataType accumulator) {
    return new Mvau(
        h,
        w,
        fc,
        mw,
        mh,
        input,
        wt,
        weightsNarrow,
        out,
        accumulator,
        noActivation,
        binaryXnor,
        pe,
        simd,
        memMode,
        ramStyle,
        ramStyleThresholds,
        resType,
        impl);
  }

  /**
   * The accumulator FINN's MinimizeAccumulatorWidth would give for the datatype extremes: the
   * popcount range {@code [0, MW]} in XNOR mode, else {@code MW} times the extreme products. Real
   * weights can only make it narrower.
   */
  static DataType accumulator(int mw, DataType in, DataType wt, boolean narrow, boolean xnor) {
    if (xnor) {
      return DataType.smallest(0, mw);
    }
    long wmin = wt.bipolar() ? -1 : narrow ? wt.min() + 1 : wt.min();
    long wmax = wt.max();
    long[] p = {wmin * in.min(), wmin * in.max(), wmax * in.min(), wmax * in.max()};
    long lo = Math.min(Math.min(p[0], p[1]), Math.min(p[2], p[3]));
    long hi = Math.max(Math.max(p[0], p[1]), Math.max(p[2], p[3]));
    return DataType.smallest(lo * mw, hi * mw);
  }

  /**
   * SpecializeLayers (section 3.0): rtl only with input and weights >= 4 bits, no fused thresholds,
   * no XNOR, signed weights, input <= 8 bits (9 signed), weights <= 8 bits, and not (non-narrow
   * weights on a DSP48E1 part).
   */
  static Impl specialize(
      DataType in, DataType wt, boolean narrow, boolean noAct, boolean xnor, DspType dsp) {
    boolean inOk = in.bits() <= 8 || (in.signed() && in.bits() <= 9);
    boolean rtl =
        in.bits() >= 4
            && wt.bits() >= 4
            && noAct
            && !xnor
            && wt.signed()
            && inOk
            && wt.bits() <= 8
            && !(!narrow && dsp == DspType.DSP48E1);
    return rtl ? Impl.RTL : Impl.HLS;
  }

  @Override
  public String opType() {
    return "MVAU";
  }

  /** Vectors per frame: {@code prod(numInputVectors)}. */
  public long vectors() {
    return (long) h * w;
  }

  public long wmem() {
    return (long) mw * mh / ((long) pe * simd);
  }

  @Override
  public List<StreamShape> inputs() {
    return List.of(new StreamShape(h, w, mw, input));
  }

  @Override
  public List<StreamShape> outputs() {
    return List.of(new StreamShape(h, w, mh, output));
  }

  @Override
  public long cycles() {
    return FinnCost.mvauCycles(mw, mh, pe, simd, vectors());
  }

  /** The per-PE weight width {@code W * SIMD} that SetFolding bounds by mvau_wwidth_max. */
  public int weightWidthPerPe() {
    return weight.bits() * simd;
  }

  /**
   * FINN's {@code get_weightstream_width}: {@code PE * SIMD * W} with decoupled or external
   * weights, 0 with embedded ones.
   */
  public int weightStreamWidth() {
    return FinnCost.mvauWeightStreamWidth(memMode, pe, simd, weight.bits());
  }

  /**
   * FINN's {@code MVAU_hls.get_ap_int_max_w} (finn-reference.md section 3.2): the widest {@code
   * ap_uint} of the HLS code, the largest of the input stream {@code SIMD * A}, the output stream
   * {@code PE * O}, the weight stream and one PE's weight word {@code SIMD * W}.
   */
  public int apIntMaxWidth() {
    return FinnCost.mvauHlsApIntMaxWidth(
        pe, simd, input.bits(), output.bits(), weight.bits(), memMode);
  }

  /**
   * Whether FINN v0.10.1 can build this folding (beyond the divisibility the constructor checks):
   * an MVAU_hls needs {@link #apIntMaxWidth()} at most {@link FinnCost#HLS_AP_INT_MAX_W}; an
   * MVAU_rtl has no HLS widths but only decoupled or external weights.
   */
  public boolean buildable() {
    if (impl == Impl.RTL) {
      return !FinnCost.EMBEDDED.equals(memMode);
    }
    return apIntMaxWidth() <= FinnCost.HLS_AP_INT_MAX_W;
  }

  @Override
  public Resources resources(DspType dsp) {
    int wb = weight.bits();
    int bram = FinnCost.mvauBram(memMode, ramStyle, pe, simd, wb, mw, mh);
    int uram = FinnCost.mvauUram(memMode, ramStyle, pe, simd, wb, mw, mh);
    int lut;
    int dspCount;
    if (impl == Impl.RTL) {
      lut = 0; // FINN's RTL MVU has no LUT model
      dspCount = FinnCost.mvauDspRtl(pe, simd, dsp);
    } else {
      lut =
          FinnCost.mvauLutHls(
              pe,
              simd,
              wb,
              input.bits(),
              mw,
              mh,
              input.signed(),
              acc.bits(),
              output.bits(),
              noActivation,
              memMode,
              ramStyle,
              ramStyleThresholds,
              resType);
      dspCount = FinnCost.mvauDspHls(pe, simd, wb, input.bits(), resType);
    }
    return new Resources(
        bram,
        FinnCost.mvauBramEfficiency(bram, wb, mw, mh),
        lut,
        uram,
        FinnCost.mvauUramEfficiency(uram, wb, mw, mh),
        dspCount);
  }

  @Override
  public Map<String, Object> attributes() {
    long actVal = noActivation ? 0 : Thresholding.actVal(output);
    return new Attrs()
        .put("backend", "fpgadataflow")
        .put("MW", mw)
        .put("MH", mh)
        .put("SIMD", simd)
        .put("PE", pe)
        .put("inputDataType", input)
        .put("weightDataType", weight)
        .put("outputDataType", output)
        .put("accDataType", acc)
        .put("ActVal", (int) actVal)
        .put("binaryXnorMode", binaryXnor)
        .put("noActivation", noActivation)
        .put("numInputVectors", fc ? Attrs.ints(1) : Attrs.ints(1, h, w))
        .put("mem_mode", memMode)
        .put("ram_style", ramStyle)
        .put("ram_style_thresholds", ramStyleThresholds)
        .put("resType", resType)
        .put("runtime_writeable_weights", 0)
        .build();
  }

  @Override
  public Map<String, Long> opAndParamCounts() {
    int a = input.bits();
    int wb = weight.bits();
    Map<String, Long> m = new java.util.LinkedHashMap<>();
    m.put("op_mac_" + Math.min(a, wb) + "bx" + Math.max(a, wb) + "b", (long) mw * mh * vectors());
    m.put("param_weight_" + wb + "b", (long) mw * mh);
    if (!noActivation) {
      m.put("param_threshold_" + acc.bits() + "b", (long) mh);
    }
    return m;
  }

  @Override
  public Map<String, Object> foldingEntry() {
    return new Attrs()
        .put("PE", pe)
        .put("SIMD", simd)
        .put("ram_style", ramStyle)
        .put("resType", resType)
        .put("mem_mode", memMode)
        .build();
  }

  @Override
  public Mvau withFold(int newPe, int newSimd, boolean parallelWindow) {
    return copy(newPe, newSimd, ramStyle, resType);
  }

  @Override
  public Mvau withRamStyle(String style) {
    return copy(pe, simd, style, resType);
  }

  /** A copy with another {@code resType} ("auto", "lut" or "dsp"). */
  public Mvau withResType(String type) {
    return copy(pe, simd, ramStyle, type);
  }

  /**
   * A copy with another {@code mem_mode} and {@code ram_style}: {@code internal_embedded} weights
   * (in the HLS code, where FINN's estimates ignore the RAM style) or {@code internal_decoupled} (a
   * weight streamer of {@code ram_style}).
   */
  public Mvau withMemory(String mode, String style) {
    if (!FinnCost.EMBEDDED.equals(mode) && !FinnCost.DECOUPLED.equals(mode)) {
      throw new IllegalArgumentException(
          "MVAU mem_mode '" + mode + "': allowed are internal_embedded, internal_decoupled");
    }
    return copy(pe, simd, mode, style, resType);
  }

  private Mvau copy(int newPe, int newSimd, String style, String type) {
    return copy(newPe, newSimd, memMode, style, type);
  }

  private Mvau copy(int newPe, int newSimd, String mode, String style, String type) {
    return new Mvau(
        h,
        w,
        fc,
        mw,
        mh,
        input,
        weight,
        weightsNarrow,
        output,
        acc,
        noActivation,
        binaryXnor,
        newPe,
        newSimd,
        mode,
        style,
        ramStyleThresholds,
        type,
        impl);
  }
}
