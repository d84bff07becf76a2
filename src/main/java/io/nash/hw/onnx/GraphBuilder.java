package io.nash.hw.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assembles an {@link OnnxGraph} node by node. Nodes are named the way FINN and QONNX name them
 * after {@code GiveUniqueNodeNames}, op type and a per-type counter ({@code Conv_0}, {@code
 * Quant_3}); a node's single output is {@code <node>_out0}. Initializer names are made unique by
 * suffixing a counter. Appending in forward order keeps the graph topologically sorted. Not
 * thread-safe: one builder per export.
 */
public final class GraphBuilder {
  private final String name;
  private final List<OnnxNode> nodes = new ArrayList<>();
  private final List<OnnxTensor> initializers = new ArrayList<>();
  private final List<OnnxValueInfo> inputs = new ArrayList<>();
  private final List<OnnxValueInfo> outputs = new ArrayList<>();
  private final Map<String, OnnxAnnotation> annotations = new LinkedHashMap<>();
  private final Map<String, Integer> perType = new HashMap<>();
  private final Set<String> names = new HashSet<>();

  public GraphBuilder(String name) {
    this.name = OnnxTensor.requireName(name);
  }

  /** Declares a float32 graph input; {@code -1} dims are symbolic (the batch). */
  public String input(String tensor, long... dims) {
    inputs.add(OnnxValueInfo.floats(claim(tensor), dims));
    return tensor;
  }

  /** Declares {@code tensor} (already produced by a node) a float32 graph output. */
  public void output(String tensor, long... dims) {
    outputs.add(OnnxValueInfo.floats(tensor, dims));
  }

  /** A float32 initializer named {@code base} (or {@code base_k} if taken); returns its name. */
  public String floats(String base, long[] dims, float... values) {
    String n = unique(base);
    initializers.add(OnnxTensor.floats(n, dims, values));
    return n;
  }

  /** A float32 scalar initializer. */
  public String scalar(String base, float value) {
    return floats(base, new long[0], value);
  }

  /** A 1-D int64 initializer (Slice starts/ends/axes, Pad pads). */
  public String int64s(String base, long... values) {
    String n = unique(base);
    initializers.add(OnnxTensor.int64Vector(n, values));
    return n;
  }

  /** A standard-domain node with one output; returns the output's name. */
  public String node(String opType, List<String> in, OnnxAttribute... attrs) {
    return node(opType, "", in, attrs);
  }

  /** A node of {@code domain} with one output; returns the output's name. */
  public String node(String opType, String domain, List<String> in, OnnxAttribute... attrs) {
    int k = perType.merge(opType, 1, Integer::sum) - 1;
    String nodeName = unique(opType + "_" + k);
    String out = claim(nodeName + "_out0");
    nodes.add(new OnnxNode(nodeName, opType, domain, in, List.of(out), Arrays.asList(attrs)));
    return out;
  }

  /** Annotates {@code tensor} with a FINN datatype ({@code INT8}, {@code BIPOLAR}, ...). */
  public void annotate(String tensor, String finnDatatype) {
    annotations.put(tensor, OnnxAnnotation.finnDatatype(tensor, finnDatatype));
  }

  /** The graph so far. */
  public OnnxGraph build() {
    return new OnnxGraph(
        name, nodes, initializers, inputs, outputs, List.of(), List.copyOf(annotations.values()));
  }

  /** A model around the graph with the given operator sets (domain to version). */
  public OnnxModel model(String producer, String version, Map<String, Long> opsets) {
    return model(producer, version, opsets, Map.of());
  }

  /** As {@link #model(String, String, Map)}, with {@code metadata_props} entries. */
  public OnnxModel model(
      String producer, String version, Map<String, Long> opsets, Map<String, String> metadata) {
    return new OnnxModel(
        OnnxModel.DEFAULT_IR_VERSION, producer, version, opsets, build(), metadata);
  }

  private String unique(String base) {
    String n = base;
    for (int k = 1; names.contains(n); k++) {
      n = base + "_" + k;
    }
    return claim(n);
  }

  private String claim(String n) {
    if (!names.add(n)) {
      throw new IllegalArgumentException("tensor or node name '" + n + "' used twice");
    }
    return n;
  }
}
