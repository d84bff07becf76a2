package io.nash.hw;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small ordered attribute-map builder for FINN node attributes. Not thread-safe. */
final class Attrs {
  private final Map<String, Object> m = new LinkedHashMap<>();

  Attrs put(String k, Object v) {
    if (v instanceof int[] a) {
      m.put(k, java.util.Arrays.stream(a).boxed().toList());
    } else if (v instanceof DataType t) {
      m.put(k, t.finnName());
    } else if (v instanceof Boolean b) {
      m.put(k, b ? 1 : 0);
    } else {
      m.put(k, v);
    }
    return this;
  }

  Map<String, Object> build() {
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The head of a channel-wise HLS/RTL node's attributes: backend, NumChannels and PE. */
  static Attrs channelwise(int channels, int pe) {
    return new Attrs().put("backend", "fpgadataflow").put("NumChannels", channels).put("PE", pe);
  }

  /** The folding entry of a node folded by PE alone. */
  static Map<String, Object> peFolding(int pe) {
    return new Attrs().put("PE", pe).build();
  }

  static List<Integer> ints(int... v) {
    return java.util.Arrays.stream(v).boxed().toList();
  }
}
