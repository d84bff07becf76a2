package io.nash.hw;

import java.util.List;
import java.util.Map;

/**
 * FMPadding (section 3.11): zero-pads an image before a sliding window, {@code pad = [top, left,
 * bottom, right]} (FINN's [H_begin, W_begin, H_end, W_end]). FINN specializes it to rtl and its
 * SetFolding leaves FMPadding_rtl at SIMD = C. No resources. Immutable.
 */
record FmPadding(int h, int w, int c, List<Integer> pad, DataType type, int simd, Impl impl)
    implements HwOp {

  public FmPadding {
    pad = List.copyOf(pad);
    if (pad.size() != 4 || pad.stream().anyMatch(p -> p < 0)) {
      throw new IllegalArgumentException("FMPadding pad = " + pad + ": need 4 values >= 0");
    }
    HwOp.requireDivides("FMPadding SIMD", simd, c, "NumChannels");
  }

  public static FmPadding create(
      int h, int w, int c, int top, int left, int bottom, int right, DataType t) {
    return new FmPadding(h, w, c, List.of(top, left, bottom, right), t, c, Impl.RTL);
  }

  @Override
  public String opType() {
    return "FMPadding";
  }

  @Override
  public List<StreamShape> inputs() {
    return List.of(new StreamShape(h, w, c, type));
  }

  @Override
  public List<StreamShape> outputs() {
    return List.of(
        new StreamShape(h + pad.get(0) + pad.get(2), w + pad.get(1) + pad.get(3), c, type));
  }

  @Override
  public long cycles() {
    int[] p = pad.stream().mapToInt(Integer::intValue).toArray();
    return FinnCost.fmPaddingCycles(c, simd, h, w, p);
  }

  @Override
  public Map<String, Object> attributes() {
    return new Attrs()
        .put("backend", "fpgadataflow")
        .put("ImgDim", Attrs.ints(h, w))
        .put("Padding", pad)
        .put("NumChannels", c)
        .put("SIMD", simd)
        .put("inputDataType", type)
        .put("numInputVectors", 1)
        .build();
  }

  @Override
  public Map<String, Object> foldingEntry() {
    return new Attrs().put("SIMD", simd).build();
  }

  @Override
  public FmPadding withFold(int pe, int newSimd, boolean pw) {
    return new FmPadding(h, w, c, pad, type, newSimd, impl);
  }
}
