package io.nash.hw;

import java.util.List;
import java.util.Map;

/**
 * A ConvolutionInputGenerator (sliding-window generator, finn-reference.md section 3.4): turns an
 * {@code ifmH x ifmW x c} image into {@code ofmH x ofmW} windows of {@code k*k*c} values for the
 * next MVAU (or, depthwise, for a Pool). Square kernels, dilation 1. Immutable.
 */
record Swg(
    int ifmH,
    int ifmW,
    int c,
    int k,
    int stride,
    DataType input,
    boolean depthwise,
    int simd,
    String ramStyle,
    boolean parallelWindow,
    Impl impl)
    implements HwOp {

  static final int DILATION = 1;

  public Swg {
    HwOp.requireDivides("ConvolutionInputGenerator SIMD", simd, c, "IFMChannels");
    if (k < 1 || stride < 1 || k > ifmH || k > ifmW) {
      throw new IllegalArgumentException(
          "sliding window k = "
              + k
              + ", stride = "
              + stride
              + " on "
              + ifmH
              + "x"
              + ifmW
              + ": need 1 <= k <= image size and stride >= 1");
    }
    if (parallelWindow && !depthwise && simd != c) {
      throw new IllegalArgumentException(
          "parallel_window = 1 needs SIMD = IFMChannels = " + c + ", got SIMD = " + simd);
    }
  }

  /** As FINN converts it: SIMD = IFMChannels, ram_style distributed, specialized to rtl. */
  public static Swg create(int ifmH, int ifmW, int c, int k, int stride, DataType in, boolean dw) {
    return new Swg(ifmH, ifmW, c, k, stride, in, dw, c, "distributed", false, Impl.RTL);
  }

  public int ofmH() {
    return (ifmH - DILATION * (k - 1) - 1) / stride + 1;
  }

  public int ofmW() {
    return (ifmW - DILATION * (k - 1) - 1) / stride + 1;
  }

  @Override
  public String opType() {
    return "ConvolutionInputGenerator";
  }

  /** RTL implementation style: parallel with parallel_window or a 1x1 kernel. */
  public boolean parallelStyle() {
    return parallelWindow || k == 1;
  }

  @Override
  public List<StreamShape> inputs() {
    return List.of(new StreamShape(ifmH, ifmW, c, input));
  }

  @Override
  public List<StreamShape> outputs() {
    return List.of(new StreamShape(ofmH(), ofmW(), k * k * c, input));
  }

  @Override
  public long cycles() {
    if (impl == Impl.HLS) {
      return FinnCost.swgHlsCycles(k, stride, DILATION, ifmW, ofmH(), ofmW(), c, simd);
    }
    return FinnCost.swgRtlCycles(
        parallelStyle(), depthwise, k, stride, DILATION, ifmH, ifmW, ofmH(), ofmW(), c, simd);
  }

  /** The RTL buffer depth of the chosen style. */
  public long rtlBufferDepth() {
    return parallelStyle()
        ? FinnCost.swgRtlBufferDepthParallel(k, DILATION, ifmW, c, simd)
        : FinnCost.swgRtlBufferDepthDefault(k, stride, DILATION, ifmW, c, simd);
  }

  @Override
  public Resources resources(DspType dsp) {
    int a = input.bits();
    if (impl == Impl.HLS) {
      return Resources.of(
          FinnCost.swgHlsBram(ramStyle, k, stride, ifmW, c, simd, a),
          FinnCost.swgHlsLut(ramStyle, k, stride, ifmW, c, simd, a),
          FinnCost.swgHlsUram(ramStyle, k, stride, ifmW, c, simd, a),
          0);
    }
    int width = simd * a;
    long memDepth;
    int count;
    if (parallelStyle()) {
      memDepth = (ifmW - ((k - 1) * DILATION + 1)) + (long) ifmW * (DILATION - 1);
      count = k - 1;
    } else {
      memDepth = rtlBufferDepth();
      count = 1;
    }
    return Resources.of(
        FinnCost.swgRtlBram(ramStyle, memDepth, width, count),
        FinnCost.swgRtlLut(ramStyle, rtlBufferDepth(), width),
        FinnCost.swgRtlUram(ramStyle, memDepth, width, count),
        0);
  }

  @Override
  public Map<String, Object> attributes() {
    return new Attrs()
        .put("backend", "fpgadataflow")
        .put("ConvKernelDim", Attrs.ints(k, k))
        .put("IFMChannels", c)
        .put("IFMDim", Attrs.ints(ifmH, ifmW))
        .put("OFMDim", Attrs.ints(ofmH(), ofmW()))
        .put("SIMD", simd)
        .put("Stride", Attrs.ints(stride, stride))
        .put("Dilation", Attrs.ints(DILATION, DILATION))
        .put("inputDataType", input)
        .put("outputDataType", input)
        .put("depthwise", depthwise)
        .put("ram_style", ramStyle)
        .put("parallel_window", parallelWindow)
        .build();
  }

  @Override
  public Map<String, Object> foldingEntry() {
    Attrs a = new Attrs().put("SIMD", simd).put("ram_style", ramStyle);
    if (impl == Impl.RTL) {
      a.put("parallel_window", parallelWindow);
    }
    return a.build();
  }

  @Override
  public Swg withFold(int pe, int newSimd, boolean pw) {
    return new Swg(ifmH, ifmW, c, k, stride, input, depthwise, newSimd, ramStyle, pw, impl);
  }

  @Override
  public Swg withRamStyle(String style) {
    return new Swg(ifmH, ifmW, c, k, stride, input, depthwise, simd, style, parallelWindow, impl);
  }
}
