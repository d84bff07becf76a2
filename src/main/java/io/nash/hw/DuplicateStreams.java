package io.nash.hw;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * DuplicateStreams_hls (section 3.8): a stream fork to {@code outputs} consumers (the input of a
 * residual block, a state read by several NAS edges). No resource model. Immutable.
 */
record DuplicateStreams(int h, int w, boolean fc, int c, DataType type, int outputsCount, int pe)
    implements HwOp {

  public DuplicateStreams {
    HwOp.requireDivides("DuplicateStreams PE", pe, c, "NumChannels");
    if (outputsCount < 2) {
      throw new IllegalArgumentException(
          "DuplicateStreams NumOutputStreams = " + outputsCount + ": must be >= 2");
    }
  }

  @Override
  public String opType() {
    return "DuplicateStreams";
  }

  @Override
  public List<StreamShape> inputs() {
    return List.of(new StreamShape(h, w, c, type));
  }

  @Override
  public List<StreamShape> outputs() {
    return Collections.nCopies(outputsCount, new StreamShape(h, w, c, type));
  }

  @Override
  public long cycles() {
    return FinnCost.streamCycles((long) h * w, c, pe);
  }

  @Override
  public Map<String, Object> attributes() {
    return Attrs.channelwise(c, pe)
        .put("NumOutputStreams", outputsCount)
        .put("inputDataType", type)
        .put("numInputVectors", fc ? Attrs.ints(1) : Attrs.ints(1, h, w))
        .build();
  }

  @Override
  public Map<String, Object> foldingEntry() {
    return Attrs.peFolding(pe);
  }

  @Override
  public DuplicateStreams withFold(int newPe, int simd, boolean pw) {
    return new DuplicateStreams(h, w, fc, c, type, outputsCount, newPe);
  }
}
