package io.nash.hw;

import java.util.List;
import java.util.Map;

/**
 * LabelSelect_hls (section 3.9): top-K of the classifier's outputs ({@code K = 1}). Output is the
 * class index. No resource model. Immutable.
 */
record LabelSelect(int labels, int k, DataType input, int pe) implements HwOp {

  public LabelSelect {
    HwOp.requireDivides("LabelSelect PE", pe, labels, "Labels");
    if (k < 1 || k > labels) {
      throw new IllegalArgumentException("LabelSelect K = " + k + ": must be in 1.." + labels);
    }
  }

  public DataType output() {
    return DataType.smallest(0, labels - 1);
  }

  @Override
  public String opType() {
    return "LabelSelect";
  }

  @Override
  public List<StreamShape> inputs() {
    return List.of(new StreamShape(1, 1, labels, input));
  }

  @Override
  public List<StreamShape> outputs() {
    return List.of(new StreamShape(1, 1, k, output()));
  }

  @Override
  public long cycles() {
    return FinnCost.labelSelectCycles(labels, pe);
  }

  @Override
  public Map<String, Object> attributes() {
    return new Attrs()
        .put("backend", "fpgadataflow")
        .put("Labels", labels)
        .put("PE", pe)
        .put("K", k)
        .put("inputDataType", input)
        .put("outputDataType", output())
        .build();
  }

  @Override
  public Map<String, Object> foldingEntry() {
    return Attrs.peFolding(pe);
  }

  @Override
  public LabelSelect withFold(int newPe, int simd, boolean pw) {
    return new LabelSelect(labels, k, input, newPe);
  }
}
