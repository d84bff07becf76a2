package io.nash.hw;

import java.util.List;
import java.util.Map;

/**
 * StreamingMaxPool_hls (section 3.6): a non-overlapping {@code k x k} max pool without padding
 * (kernel = stride). Not handled by FINN's SetFolding (keeps PE = 1); no resource model. Immutable.
 */
record StreamingMaxPool(int h, int w, int c, int k, DataType type, int pe) implements HwOp {

  public StreamingMaxPool {
    HwOp.requireDivides("StreamingMaxPool PE", pe, c, "NumChannels");
    if (k < 1 || h % k != 0 || w % k != 0) {
      throw new IllegalArgumentException(
          "StreamingMaxPool k = " + k + " on " + h + "x" + w + ": k must divide the image size");
    }
  }

  @Override
  public String opType() {
    return "StreamingMaxPool";
  }

  @Override
  public List<StreamShape> inputs() {
    return List.of(new StreamShape(h, w, c, type));
  }

  @Override
  public List<StreamShape> outputs() {
    return List.of(new StreamShape(h / k, w / k, c, type));
  }

  @Override
  public long cycles() {
    if (h == 1 && k == 1) {
      return FinnCost.maxPoolCycles1d(w / k, c, pe, k);
    }
    return FinnCost.maxPoolCycles2d(w, k);
  }

  @Override
  public Map<String, Object> attributes() {
    return new Attrs()
        .put("backend", "fpgadataflow")
        .put("ImgDim", Attrs.ints(h, w))
        .put("PoolDim", Attrs.ints(k, k))
        .put("NumChannels", c)
        .put("PE", pe)
        .put("ceilMode", 0)
        .put("dataType", type)
        .build();
  }

  @Override
  public Map<String, Object> foldingEntry() {
    return Attrs.peFolding(pe);
  }

  @Override
  public StreamingMaxPool withFold(int newPe, int simd, boolean pw) {
    return new StreamingMaxPool(h, w, c, k, type, newPe);
  }
}
