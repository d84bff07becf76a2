package io.nash.hw;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * StreamingConcat_hls (section 3.8): channel concatenation (the factorized reduce, a strided max
 * pool concatenated twice). Cycles use the SIMD folding: {@code h*w*sum(C)/SIMD}. We assume FINN's
 * InferConcatLayer leaves SIMD = 1, and FINN v0.10.1's SetFolding does not handle the op. No
 * resource model. Immutable.
 */
public record StreamingConcat(int h, int w, List<Integer> channels, List<DataType> types, int simd)
    implements HwOp {

  public StreamingConcat {
    channels = List.copyOf(channels);
    types = List.copyOf(types);
    if (channels.size() < 2 || channels.size() != types.size()) {
      throw new IllegalArgumentException(
          "StreamingConcat needs >= 2 inputs with one datatype each, got "
              + channels
              + " "
              + types);
    }
    for (int c : channels) {
      HwOp.requireDivides("StreamingConcat SIMD", simd, c, "ChannelsPerStream");
    }
  }

  /** The output type: the smallest type holding every input's range. */
  public DataType output() {
    long lo = types.stream().mapToLong(DataType::min).min().orElseThrow();
    long hi = types.stream().mapToLong(DataType::max).max().orElseThrow();
    return types.stream().distinct().count() == 1 ? types.get(0) : DataType.smallest(lo, hi);
  }

  public int totalChannels() {
    return channels.stream().mapToInt(Integer::intValue).sum();
  }

  @Override
  public String opType() {
    return "StreamingConcat";
  }

  @Override
  public List<StreamShape> inputs() {
    List<StreamShape> l = new ArrayList<>();
    for (int i = 0; i < channels.size(); i++) {
      l.add(new StreamShape(h, w, channels.get(i), types.get(i)));
    }
    return l;
  }

  @Override
  public List<StreamShape> outputs() {
    return List.of(new StreamShape(h, w, totalChannels(), output()));
  }

  @Override
  public long cycles() {
    return FinnCost.streamCycles((long) h * w, totalChannels(), simd);
  }

  @Override
  public Map<String, Object> attributes() {
    return new Attrs()
        .put("backend", "fpgadataflow")
        .put("SIMD", simd)
        .put("ChannelsPerStream", channels)
        .put("inputDataTypes", types.stream().map(DataType::finnName).toList())
        .put("numInputVectors", Attrs.ints(1, h, w))
        .build();
  }

  @Override
  public Map<String, Object> foldingEntry() {
    return new Attrs().put("SIMD", simd).build();
  }

  @Override
  public StreamingConcat withFold(int pe, int newSimd, boolean pw) {
    return new StreamingConcat(h, w, channels, types, newSimd);
  }
}
