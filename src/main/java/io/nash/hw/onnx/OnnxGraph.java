package io.nash.hw.onnx;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A graph (ONNX {@code GraphProto}): nodes in topological order, initializers, typed inputs and
 * outputs, optional intermediate value infos and the quantization annotations. Construction checks
 * what a runtime would reject later: every node input is a graph input, an initializer or an
 * earlier node's output, and no tensor is produced twice. Immutable and thread-safe.
 */
public record OnnxGraph(
    String name,
    List<OnnxNode> nodes,
    List<OnnxTensor> initializers,
    List<OnnxValueInfo> inputs,
    List<OnnxValueInfo> outputs,
    List<OnnxValueInfo> valueInfo,
    List<OnnxAnnotation> annotations) {

  public OnnxGraph {
    OnnxTensor.requireName(name);
    nodes = List.copyOf(nodes);
    initializers = List.copyOf(initializers);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    valueInfo = List.copyOf(valueInfo);
    annotations = List.copyOf(annotations);
    Set<String> known = new HashSet<>();
    inputs.forEach(v -> define(known, v.name(), "graph input"));
    initializers.forEach(t -> define(known, t.name(), "initializer"));
    for (OnnxNode n : nodes) {
      for (String in : n.inputs()) {
        if (!in.isEmpty() && !known.contains(in)) {
          throw new IllegalArgumentException(
              "graph "
                  + name
                  + ": node "
                  + n.name()
                  + " reads '"
                  + in
                  + "', which no input, initializer or earlier node defines");
        }
      }
      n.outputs().forEach(o -> define(known, o, "output of node " + n.name()));
    }
    for (OnnxValueInfo o : outputs) {
      if (!known.contains(o.name())) {
        throw new IllegalArgumentException(
            "graph " + name + ": output '" + o.name() + "' is never produced");
      }
    }
  }

  private static void define(Set<String> known, String tensor, String what) {
    if (!known.add(tensor)) {
      throw new IllegalArgumentException(
          "tensor '" + tensor + "' defined twice (again as " + what + ")");
    }
  }

  /** The initializer called {@code tensor}, if any. */
  public Optional<OnnxTensor> initializer(String tensor) {
    return initializers.stream().filter(t -> t.name().equals(tensor)).findFirst();
  }

  /** The node producing {@code tensor}, if any. */
  public Optional<OnnxNode> producer(String tensor) {
    return nodes.stream().filter(n -> n.outputs().contains(tensor)).findFirst();
  }

  /** Nodes reading {@code tensor}. */
  public List<OnnxNode> consumers(String tensor) {
    return nodes.stream().filter(n -> n.inputs().contains(tensor)).toList();
  }

  /** The node called {@code node}, if any. */
  public Optional<OnnxNode> node(String node) {
    return nodes.stream().filter(n -> n.name().equals(node)).findFirst();
  }

  /** Node counts by op type, sorted by op type. */
  public Map<String, Integer> opCounts() {
    Map<String, Integer> m = new TreeMap<>();
    nodes.forEach(n -> m.merge(n.opType(), 1, Integer::sum));
    return m;
  }

  /** The {@code finn_datatype} annotation of {@code tensor}, if any. */
  public Optional<String> finnDatatype(String tensor) {
    return annotations.stream()
        .filter(a -> a.tensorName().equals(tensor))
        .map(a -> a.entries().get(OnnxAnnotation.FINN_DATATYPE))
        .filter(v -> v != null)
        .findFirst();
  }
}
