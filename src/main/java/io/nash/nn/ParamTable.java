package io.nash.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.nash.space.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The named weight tensors of a {@link Supernet}, in creation order (the stable order of every flat
 * export). Each tensor records its owner: the backbone ({@code edge = -1}) or one candidate op of
 * one edge, so the tensors a sampled path touches can be listed without asking autograd.
 *
 * <p>Owned by its network; not thread-safe (a network serves one step at a time).
 */
final class ParamTable {
  /** How a tensor is initialised (PyTorch's defaults for each layer type). */
  enum Kind {
    /** conv or linear weight: U(-1/sqrt(fanIn), 1/sqrt(fanIn)) (kaiming_uniform with a=sqrt(5)). */
    FAN_IN_UNIFORM,
    /** linear bias: the same bound as its weight. */
    BIAS,
    /** BN gamma: ones. */
    ONES,
    /** BN beta: zeros. */
    ZEROS
  }

  private record Entry(String name, Shape shape, Kind kind, int fanIn, int edge, int op) {}

  private final NDManager manager;
  private final List<Entry> entries = new ArrayList<>();
  private final List<NDArray> arrays = new ArrayList<>();

  ParamTable(NDManager manager) {
    this.manager = manager;
  }

  /** Adds a tensor and returns its index. {@code edge}/{@code op} = -1 for backbone tensors. */
  int add(String name, Shape shape, Kind kind, int fanIn, int edge, int op) {
    for (Entry e : entries) {
      if (e.name.equals(name)) {
        throw new IllegalStateException("duplicate parameter name " + name);
      }
    }
    entries.add(new Entry(name, shape, kind, fanIn, edge, op));
    arrays.add(manager.zeros(shape));
    return entries.size() - 1;
  }

  int size() {
    return entries.size();
  }

  NDArray array(int i) {
    return arrays.get(i);
  }

  List<NDArray> arrays() {
    return Collections.unmodifiableList(arrays);
  }

  String name(int i) {
    return entries.get(i).name;
  }

  long[] shape(int i) {
    return entries.get(i).shape.getShape();
  }

  int edge(int i) {
    return entries.get(i).edge;
  }

  int op(int i) {
    return entries.get(i).op;
  }

  /** Deterministic initial values from {@code seed} (one independent stream per tensor). */
  float[][] initialValues(long seed) {
    float[][] out = new float[entries.size()][];
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      float[] v = new float[Math.toIntExact(e.shape.size())];
      SplittableRandom rnd = new SplittableRandom(Seeds.tensorInit(seed, i));
      double bound = 1.0 / Math.sqrt(e.fanIn);
      for (int k = 0; k < v.length; k++) {
        v[k] =
            switch (e.kind) {
              case FAN_IN_UNIFORM, BIAS -> (float) ((rnd.nextDouble() * 2 - 1) * bound);
              case ONES -> 1f;
              case ZEROS -> 0f;
            };
      }
      out[i] = v;
    }
    return out;
  }

  /** Copies {@code values[i]} into tensor {@code ids[i]}; shapes are checked. */
  void load(int[] ids, float[][] values) {
    if (ids.length != values.length) {
      throw new IllegalArgumentException(
          ids.length + " tensor ids but " + values.length + " value arrays");
    }
    for (int k = 0; k < ids.length; k++) {
      int i = ids[k];
      if (i < 0 || i >= entries.size()) {
        throw new IllegalArgumentException(
            "tensor id " + i + ": must be in 0.." + (entries.size() - 1));
      }
      if (values[k].length != entries.get(i).shape.size()) {
        throw new IllegalArgumentException(
            "tensor "
                + name(i)
                + " got "
                + values[k].length
                + " values: must have "
                + entries.get(i).shape.size()
                + " "
                + entries.get(i).shape);
      }
      copyInto(arrays.get(i), values[k]);
    }
  }

  /**
   * Copies Java values into a tensor's own (native) storage. DJL's {@code NDArray.set(Buffer)} is
   * not used: on the CPU it re-points the tensor's storage at a Java direct buffer that the garbage
   * collector may free while native code still uses it, which showed up as sporadic garbage and NaN
   * gradients.
   */
  static void copyInto(NDArray target, float[] values) {
    try (NDManager tmp = target.getManager().newSubManager();
        NDArray src = tmp.create(values, target.getShape())) {
      target.set(new NDIndex(":"), src);
    }
  }

  float[] values(int i) {
    return arrays.get(i).toFloatArray();
  }

  /** Turns gradient tracking of every tensor on or off (frozen tensors get no gradient). */
  void requireGradients(boolean on) {
    for (NDArray a : arrays) {
      a.setRequiresGradient(on);
    }
  }

  /** Reads and then zeroes the accumulated gradient of tensor {@code i}. */
  float[] takeGradient(int i) {
    return takeGradient(arrays.get(i));
  }

  /**
   * Reads and zeroes the gradient of a leaf (autograd accumulates into it; the next step must start
   * from zero). The gradient is first reshaped to 1-D, which copies it into a contiguous tensor we
   * hold when autograd left it in another memory format (conv weight gradients can be): reading a
   * non-contiguous tensor directly through DJL returned garbage/NaN now and then, consistent with a
   * read from a temporary contiguous copy freed too early.
   */
  static float[] takeGradient(NDArray leaf) {
    float[] g;
    try (NDArray grad = leaf.getGradient();
        NDArray flat = grad.reshape(-1)) {
      g = flat.toFloatArray();
    }
    if (leaf instanceof PtNDArray pt) {
      JniUtils.zeroGrad(pt);
    } else {
      try (NDArray grad = leaf.getGradient()) {
        grad.subi(grad);
      }
    }
    return g;
  }

  /** Owners, for tests and reports: {@code name -> edge/op}. */
  String describe(int i) {
    Entry e = entries.get(i);
    return e.name + e.shape + (e.edge < 0 ? "" : " edge " + e.edge + " op " + e.op);
  }
}
