package io.nash.hw;

import java.util.List;
import java.util.Map;

/**
 * DownSampler: what FINN's InferConvInpGen makes of a 1x1 window with stride > 1 on a square image
 * (it keeps every {@code stride}-th row and column). HLS only; FINN gives it no resource model.
 * Cycles {@code int(C / SIMD * ImgDim^2)}; conversion sets SIMD = C and SetFolding searches SIMD
 * over the divisors of C. Immutable.
 */
record DownSampler(int dim, int c, int stride, DataType type, int simd) implements HwOp {

  public DownSampler {
    if (dim < 1 || stride < 2) {
      throw new IllegalArgumentException(
          "DownSampler ImgDim = " + dim + ", Stride = " + stride + ": need >= 1 and >= 2");
    }
    HwOp.requireDivides("DownSampler SIMD", simd, c, "NumChannels");
  }

  /** As FINN's conversion creates it: SIMD = C. */
  public static DownSampler create(int dim, int c, int stride, DataType t) {
    return new DownSampler(dim, c, stride, t, c);
  }

  /** {@code floor((ImgDim - 1) / Stride) + 1}. */
  public int outDim() {
    return (dim - 1) / stride + 1;
  }

  @Override
  public String opType() {
    return "DownSampler";
  }

  @Override
  public List<StreamShape> inputs() {
    return List.of(new StreamShape(dim, dim, c, type));
  }

  @Override
  public List<StreamShape> outputs() {
    return List.of(new StreamShape(outDim(), outDim(), c, type));
  }

  @Override
  public long cycles() {
    return FinnCost.downSamplerCycles(c, simd, dim);
  }

  @Override
  public Map<String, Object> attributes() {
    return new Attrs()
        .put("backend", "fpgadataflow")
        .put("ImgDim", dim)
        .put("NumChannels", c)
        .put("SIMD", simd)
        .put("Stride", stride)
        .put("inputDataType", type)
        .put("is1D", 0)
        .put("is1D_unitx", 0)
        .build();
  }

  @Override
  public Map<String, Object> foldingEntry() {
    return new Attrs().put("SIMD", simd).build();
  }

  @Override
  public int simd() {
    return simd;
  }

  @Override
  public DownSampler withFold(int pe, int newSimd, boolean pw) {
    return new DownSampler(dim, c, stride, type, newSimd);
  }
}
