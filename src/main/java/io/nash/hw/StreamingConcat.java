package io.nash.hw;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * StreamingConcat_hls of FINN v0.10.1 (section 3.8): channel concatenation of streams of one
 * datatype (the factorized reduce's halves, a strided max pool concatenated twice). It has no
 * folding: each cycle it writes one whole output vector, so its cycles are {@code h*w} ({@code
 * prod(numInputVectors)}), and SetFolding leaves it alone. No resource model. FINN's
 * InferConcatLayer converts a Concat only when all inputs share their datatype, so this layer
 * requires it. Immutable.
 */
record StreamingConcat(int h, int w, List<Integer> channels, DataType type) implements HwOp {

  public StreamingConcat {
    channels = List.copyOf(channels);
    if (channels.size() < 2) {
      throw new IllegalArgumentException("StreamingConcat needs >= 2 inputs, got " + channels);
    }
    for (int c : channels) {
      if (c < 1) {
        throw new IllegalArgumentException("StreamingConcat ElemsPerStream " + channels);
      }
    }
  }

  /**
   * A concat of streams with the given types; FINN v0.10.1 converts only streams of one type.
   *
   * @throws IllegalArgumentException if the types differ
   */
  public static StreamingConcat of(int h, int w, List<Integer> channels, List<DataType> types) {
    if (types.size() != channels.size() || types.stream().distinct().count() != 1) {
      throw new IllegalArgumentException(
          "StreamingConcat needs one datatype on all "
              + channels.size()
              + " inputs (FINN's InferConcatLayer), got "
              + types);
    }
    return new StreamingConcat(h, w, channels, types.get(0));
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
    for (int c : channels) {
      l.add(new StreamShape(h, w, c, type));
    }
    return l;
  }

  @Override
  public List<StreamShape> outputs() {
    return List.of(new StreamShape(h, w, totalChannels(), type));
  }

  @Override
  public long cycles() {
    return (long) h * w;
  }

  @Override
  public Map<String, Object> attributes() {
    return new Attrs()
        .put("backend", "fpgadataflow")
        .put("ElemsPerStream", channels)
        .put("inputDataType", type)
        .put("numInputVectors", Attrs.ints(1, h, w))
        .build();
  }

  @Override
  public Map<String, Object> foldingEntry() {
    return Map.of();
  }

  @Override
  public StreamingConcat withFold(int pe, int simd, boolean pw) {
    return this;
  }
}
