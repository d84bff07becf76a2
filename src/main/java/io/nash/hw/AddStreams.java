package io.nash.hw;

import java.util.List;
import java.util.Map;

/**
 * AddStreams_hls (section 3.8): the element-wise sum of two streams (a residual or NAS addition).
 * The output is one bit wider than the wider input. No resource model. Immutable.
 */
record AddStreams(int h, int w, int c, DataType in0, DataType in1, int pe) implements HwOp {

  public AddStreams {
    HwOp.requireDivides("AddStreams PE", pe, c, "NumChannels");
  }

  public DataType output() {
    return DataType.smallest(in0.min() + in1.min(), in0.max() + in1.max());
  }

  @Override
  public String opType() {
    return "AddStreams";
  }

  @Override
  public List<StreamShape> inputs() {
    return List.of(new StreamShape(h, w, c, in0), new StreamShape(h, w, c, in1));
  }

  @Override
  public List<StreamShape> outputs() {
    return List.of(new StreamShape(h, w, c, output()));
  }

  @Override
  public long cycles() {
    return FinnCost.streamCycles((long) h * w, c, pe);
  }

  @Override
  public Map<String, Object> attributes() {
    return Attrs.channelwise(c, pe)
        .put("inputDataType", in0.finnName())
        .put("numInputVectors", Attrs.ints(1, h, w))
        .build();
  }

  @Override
  public Map<String, Object> foldingEntry() {
    return Attrs.peFolding(pe);
  }

  @Override
  public AddStreams withFold(int newPe, int simd, boolean pw) {
    return new AddStreams(h, w, c, in0, in1, newPe);
  }
}
