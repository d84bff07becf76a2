package io.nash.hw;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds an {@link HwGraph} layer by layer. A tensor may be read by several layers: {@link #build}
 * then inserts a DuplicateStreams right after its producer with one output per reader (FINN's
 * streams are point-to-point). Shapes are checked on every {@link #add}. Not thread-safe; one
 * builder per graph.
 */
public final class GraphBuilder {

  /** A stream under construction. */
  public record Tensor(int id, StreamShape shape) {}

  private final List<StreamShape> shapes = new ArrayList<>();
  private final List<Integer> producerOf = new ArrayList<>();
  private final List<List<int[]>> readers = new ArrayList<>(); // {node, slot}
  private final List<HwOp> ops = new ArrayList<>();
  private final List<int[]> ins = new ArrayList<>();
  private final List<int[]> outs = new ArrayList<>();
  private final Tensor input;

  public GraphBuilder(StreamShape inputShape) {
    input = newTensor(inputShape, -1);
  }

  public Tensor input() {
    return input;
  }

  private Tensor newTensor(StreamShape s, int producer) {
    shapes.add(s);
    producerOf.add(producer);
    readers.add(new ArrayList<>());
    return new Tensor(shapes.size() - 1, s);
  }

  /** Adds a single-output layer reading {@code inputs}; returns its output. */
  public Tensor add(HwOp op, Tensor... inputs) {
    return addMulti(op, inputs).get(0);
  }

  /** Adds a layer reading {@code inputs}; returns all its outputs. */
  public List<Tensor> addMulti(HwOp op, Tensor... inputs) {
    List<StreamShape> want = op.inputs();
    if (want.size() != inputs.length) {
      throw new IllegalArgumentException(
          op.opType() + " takes " + want.size() + " inputs, got " + inputs.length);
    }
    int node = ops.size();
    int[] in = new int[inputs.length];
    for (int j = 0; j < inputs.length; j++) {
      if (!want.get(j).equals(inputs[j].shape())) {
        throw new IllegalArgumentException(
            op.opType()
                + " input "
                + j
                + " expects "
                + want.get(j)
                + " but got "
                + inputs[j].shape());
      }
      in[j] = inputs[j].id();
      readers.get(in[j]).add(new int[] {node, j});
    }
    List<Tensor> result = new ArrayList<>();
    int[] out = new int[op.outputs().size()];
    for (int j = 0; j < out.length; j++) {
      Tensor t = newTensor(op.outputs().get(j), node);
      out[j] = t.id();
      result.add(t);
    }
    ops.add(op);
    ins.add(in);
    outs.add(out);
    return result;
  }

  /** Finishes the graph with {@code output} as the graph output, inserting stream forks. */
  public HwGraph build(Tensor output) {
    readers.get(output.id()).add(new int[] {-1, 0});
    List<List<HwOp>> after = new ArrayList<>(); // forks placed after node i (index 0 = graph input)
    List<List<int[]>> afterIn = new ArrayList<>();
    List<List<int[]>> afterOut = new ArrayList<>();
    for (int i = 0; i <= ops.size(); i++) {
      after.add(new ArrayList<>());
      afterIn.add(new ArrayList<>());
      afterOut.add(new ArrayList<>());
    }
    int graphOut = output.id();
    int tensors = shapes.size();
    for (int t = 0; t < tensors; t++) {
      List<int[]> rs = readers.get(t);
      if (rs.size() < 2) {
        continue;
      }
      StreamShape s = shapes.get(t);
      boolean fc = s.h() == 1 && s.w() == 1;
      HwOp dup = new DuplicateStreams(s.h(), s.w(), fc, s.c(), s.type(), rs.size(), 1);
      int[] dupOut = new int[rs.size()];
      for (int r = 0; r < rs.size(); r++) {
        shapes.add(s);
        int id = shapes.size() - 1;
        dupOut[r] = id;
        int[] reader = rs.get(r);
        if (reader[0] < 0) {
          graphOut = id;
        } else {
          ins.get(reader[0])[reader[1]] = id;
        }
      }
      int slot = producerOf.get(t) + 1;
      after.get(slot).add(dup);
      afterIn.get(slot).add(new int[] {t});
      afterOut.get(slot).add(dupOut);
    }
    List<HwOp> o = new ArrayList<>();
    List<List<Integer>> in = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i <= ops.size(); i++) {
      if (i > 0) {
        o.add(ops.get(i - 1));
        in.add(boxed(ins.get(i - 1)));
        out.add(boxed(outs.get(i - 1)));
      }
      for (int d = 0; d < after.get(i).size(); d++) {
        o.add(after.get(i).get(d));
        in.add(boxed(afterIn.get(i).get(d)));
        out.add(boxed(afterOut.get(i).get(d)));
      }
    }
    return new HwGraph(o, in, out, shapes, input.id(), graphOut);
  }

  private static List<Integer> boxed(int[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }
}
