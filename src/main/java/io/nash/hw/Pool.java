package io.nash.hw;

import java.util.List;
import java.util.Map;

/**
 * Pool_hls (section 3.7) after a depthwise sliding window: {@code MaxPool} (an overlapping or
 * padded max pool) or {@code QuantAvgPool} (the quantized average pool). Input is the window stream
 * {@code outH x outW x k*k*C}. No resource model. Immutable.
 */
public record Pool(
    int outH, int outW, int c, int k, String function, DataType input, DataType output, int pe)
    implements HwOp {

  public Pool {
    HwOp.requireDivides("Pool PE", pe, c, "Channels");
    if (!"MaxPool".equals(function) && !"QuantAvgPool".equals(function)) {
      throw new IllegalArgumentException(
          "Pool Function = " + function + ": allowed are MaxPool, QuantAvgPool");
    }
  }

  /** As FINN converts it: PE = Channels. */
  public static Pool create(
      int outH, int outW, int c, int k, String fn, DataType in, DataType out) {
    return new Pool(outH, outW, c, k, fn, in, out, c);
  }

  @Override
  public String opType() {
    return "Pool";
  }

  @Override
  public List<StreamShape> inputs() {
    return List.of(new StreamShape(outH, outW, k * k * c, input));
  }

  @Override
  public List<StreamShape> outputs() {
    return List.of(new StreamShape(outH, outW, c, output));
  }

  @Override
  public long cycles() {
    return FinnCost.poolCycles(c, k, k, pe, outH, outW);
  }

  @Override
  public Map<String, Object> attributes() {
    // FINN's InferPool: AccumBits and Size (the right shift) from QuantAvgPool2d's
    // get_accum_size() = bit_length((2^ibits - 1) * k^2) and get_shifts(); 0 for MaxPool
    boolean max = "MaxPool".equals(function);
    int accBits = max ? 0 : 64 - Long.numberOfLeadingZeros(((1L << input.bits()) - 1) * k * k);
    int shift = max ? 0 : Math.max(0, accBits - output.bits());
    return new Attrs()
        .put("backend", "fpgadataflow")
        .put("Channels", c)
        .put("PE", pe)
        .put("KernelSize", Attrs.ints(k, k))
        .put("Function", function)
        .put("OutImgDims", Attrs.ints(outH, outW))
        .put("BatchSize", 1)
        .put("InputDataType", input)
        .put("OutputDataType", output)
        .put("AccumBits", accBits)
        .put("Size", shift)
        .build();
  }

  @Override
  public Map<String, Object> foldingEntry() {
    return Attrs.peFolding(pe);
  }

  @Override
  public Pool withFold(int newPe, int simd, boolean pw) {
    return new Pool(outH, outW, c, k, function, input, output, newPe);
  }
}
