package io.nash.hw;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A FINN-style dataflow graph of hardware layers: nodes in topological (graph) order, each reading
 * and writing numbered streams; one graph input and one graph output stream. Validated at
 * construction: every stream has exactly one producer (or is the graph input) and exactly one
 * consumer (or is the graph output), producers come before consumers, and every node's declared
 * input and output shapes equal the shapes of the streams it is wired to. Node names follow FINN's
 * GiveUniqueNodeNames after specialization ({@code MVAU_hls_0}, counted per op type in graph
 * order); {@link Node#baseName()} is the pre-specialization name ({@code MVAU_0}) that FINN's
 * specialize_layers_config uses. Immutable and thread-safe.
 */
public final class HwGraph {

  /** One node: its FINN name, the op, and the stream ids it reads and writes. */
  public record Node(
      int index,
      String name,
      String baseName,
      HwOp op,
      List<Integer> inputs,
      List<Integer> outputs) {
    public Node {
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
    }
  }

  private final List<Node> nodes;
  private final List<StreamShape> streams;
  private final int inputStream;
  private final int outputStream;
  private final int[] producer;
  private final int[] consumer;
  private final int[][] preds;

  /**
   * @param ops the ops in graph order
   * @param inputs per op, the stream ids it reads
   * @param outputs per op, the stream ids it writes
   * @param streams shape of every stream id
   */
  public HwGraph(
      List<HwOp> ops,
      List<List<Integer>> inputs,
      List<List<Integer>> outputs,
      List<StreamShape> streams,
      int inputStream,
      int outputStream) {
    if (ops.size() != inputs.size() || ops.size() != outputs.size()) {
      throw new IllegalArgumentException("ops, inputs and outputs must have the same length");
    }
    this.streams = List.copyOf(streams);
    this.inputStream = inputStream;
    this.outputStream = outputStream;
    int s = streams.size();
    producer = new int[s];
    consumer = new int[s];
    java.util.Arrays.fill(producer, -2);
    java.util.Arrays.fill(consumer, -2);
    checkStream(inputStream, "graph input");
    checkStream(outputStream, "graph output");
    producer[inputStream] = -1;
    consumer[outputStream] = -1;
    Map<String, Integer> countSpecialized = new HashMap<>();
    Map<String, Integer> countBase = new HashMap<>();
    List<Node> list = new ArrayList<>(ops.size());
    preds = new int[ops.size()][];
    for (int i = 0; i < ops.size(); i++) {
      HwOp op = ops.get(i);
      List<Integer> in = inputs.get(i);
      List<Integer> out = outputs.get(i);
      String st = op.specializedType();
      int k = countSpecialized.merge(st, 1, Integer::sum) - 1;
      int kb = countBase.merge(op.opType(), 1, Integer::sum) - 1;
      String name = st + "_" + k;
      wire(name, "input", op.inputs(), in, consumer, i);
      wire(name, "output", op.outputs(), out, producer, i);
      int[] p = new int[in.size()];
      for (int j = 0; j < in.size(); j++) {
        int prod = producer[in.get(j)];
        if (prod == -2) {
          throw new IllegalArgumentException(
              name + " reads stream " + in.get(j) + " before any node writes it (not topological)");
        }
        p[j] = prod;
      }
      preds[i] = p;
      list.add(new Node(i, name, op.opType() + "_" + kb, op, in, out));
    }
    for (int id = 0; id < s; id++) {
      if (producer[id] == -2) {
        throw new IllegalArgumentException("stream " + id + " has no producer (dangling)");
      }
      if (consumer[id] == -2) {
        throw new IllegalArgumentException("stream " + id + " has no consumer (dangling)");
      }
    }
    this.nodes = List.copyOf(list);
  }

  private void checkStream(int id, String what) {
    if (id < 0 || id >= streams.size()) {
      throw new IllegalArgumentException(what + " stream " + id + " does not exist");
    }
  }

  private void wire(
      String name, String dir, List<StreamShape> shapes, List<Integer> ids, int[] ends, int node) {
    if (shapes.size() != ids.size()) {
      throw new IllegalArgumentException(
          name
              + " has "
              + shapes.size()
              + " "
              + dir
              + "s but is wired to "
              + ids.size()
              + " streams");
    }
    for (int j = 0; j < ids.size(); j++) {
      int id = ids.get(j);
      checkStream(id, name + " " + dir);
      if (ends[id] != -2) {
        throw new IllegalArgumentException(
            "stream "
                + id
                + " has two "
                + (dir.equals("input") ? "consumers" : "producers")
                + " ("
                + name
                + ")");
      }
      ends[id] = node;
      if (!streams.get(id).equals(shapes.get(j))) {
        throw new IllegalArgumentException(
            name
                + " "
                + dir
                + " "
                + j
                + " expects "
                + shapes.get(j)
                + " but stream "
                + id
                + " is "
                + streams.get(id));
      }
    }
  }

  public List<Node> nodes() {
    return nodes;
  }

  public Node node(int i) {
    return nodes.get(i);
  }

  public int size() {
    return nodes.size();
  }

  public List<StreamShape> streams() {
    return streams;
  }

  public StreamShape inputShape() {
    return streams.get(inputStream);
  }

  public StreamShape outputShape() {
    return streams.get(outputStream);
  }

  public int inputStream() {
    return inputStream;
  }

  public int outputStream() {
    return outputStream;
  }

  /** Node writing stream {@code id}, or -1 for the graph input. */
  public int producerOf(int id) {
    return producer[id];
  }

  /** Node reading stream {@code id}, or -1 for the graph output. */
  public int consumerOf(int id) {
    return consumer[id];
  }

  /** Direct predecessors of node {@code i} (-1 entries stand for the graph input). */
  public int[] predecessors(int i) {
    return preds[i].clone();
  }

  int[][] predecessorTable() {
    return preds;
  }

  /** The ops in graph order. */
  public List<HwOp> ops() {
    return nodes.stream().map(Node::op).toList();
  }

  /** The same topology with other ops (refolded); shapes are validated again. */
  public HwGraph withOps(List<HwOp> ops) {
    return new HwGraph(
        ops,
        nodes.stream().map(Node::inputs).toList(),
        nodes.stream().map(Node::outputs).toList(),
        streams,
        inputStream,
        outputStream);
  }

  /** Index of the node named {@code name}; the error names the graph's size. */
  public int indexOf(String name) {
    for (Node n : nodes) {
      if (n.name().equals(name)) {
        return n.index();
      }
    }
    throw new IllegalArgumentException(
        "no node named '" + name + "' among " + nodes.size() + " nodes");
  }

  /** Node counts by specialized op type, in first-appearance order. */
  public Map<String, Integer> countsByType() {
    Map<String, Integer> m = new java.util.LinkedHashMap<>();
    nodes.forEach(n -> m.merge(n.op().specializedType(), 1, Integer::sum));
    return m;
  }
}
