package io.nash.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The gate gradients of the fused architecture step, computed from their definition in
 * nash-method.md section 2 once the backward pass has run: {@code dL/dg_{e,k} = sum(dL/dy * o_k)},
 * where {@code o_k} is candidate {@code k}'s output on edge {@code e} and {@code dL/dy} the
 * gradient reaching the node the edge adds into (every edge into a node adds into the same sum, so
 * they share it).
 *
 * <p>Why not through autograd: the gates are exactly one-hot, so writing {@code sum_k g_k o_k} into
 * the forward pass costs, per candidate, a scaled copy and an add in the forward and a product and
 * a sum the size of the map in the backward (four full passes and two temporaries the size of the
 * map, for a value that only selects the sampled op). Here the forward adds only the sampled op's
 * output; each node also adds a zero leaf ({@link #tap}) whose gradient after the backward pass is
 * that node's {@code dL/dy}; then each candidate's gate gradient is one batched dot product ({@code
 * bmm} over the batch, no temporary the size of the map) with the candidate's kept output. The
 * forward value and {@code dL/do} of the sampled op are unchanged ({@code g_s = 1}), and {@code
 * none} (zero output) has {@code dL/dg = 0}, so it is never registered. {@link
 * Supernet#archGradients} then back-propagates these through the gates to alpha.
 *
 * <p>One instance per step; lives as long as the step's tensors. Not thread-safe.
 */
final class ArchProbe {
  /** A candidate's output (a value, off the autograd graph) on one edge, into node {@code slot}. */
  private record Member(int edge, int op, int slot, NDArray value) {}

  private final List<NDArray> leaves = new ArrayList<>();
  private final List<Member> members = new ArrayList<>();
  private final PathPairs pairs;

  /**
   * @param pairs two-path mode: only the candidates of each edge's pair are wanted, and {@link
   *     #gateGradients} weights them by {@code 1 / pi} (see {@link PathPairs}); {@code null}: every
   *     candidate, unweighted (the exact gradient)
   */
  ArchProbe(PathPairs pairs) {
    this.pairs = pairs;
  }

  /** Whether candidate {@code op} of global edge {@code edge} is to be computed and registered. */
  boolean wants(int edge, int op) {
    return pairs == null || pairs.contains(edge, op);
  }

  /** Reserves {@code n} node slots (a group's nodes) and returns the first. */
  int reserve(int n) {
    int first = leaves.size();
    for (int i = 0; i < n; i++) {
      leaves.add(null);
    }
    return first;
  }

  /**
   * Adds a zero leaf to node {@code slot}'s pre-activation sum {@code h} (in place), so that the
   * leaf's gradient after the backward pass is {@code dL/dh}. Call inside the gradient collector.
   */
  NDArray tap(int slot, NDArray h) {
    if (leaves.get(slot) != null) {
      throw new IllegalStateException("node slot " + slot + " tapped twice");
    }
    NDArray z = h.getManager().zeros(h.getShape());
    z.setRequiresGradient(true);
    leaves.set(slot, z);
    return h.addi(z);
  }

  /** Registers candidate {@code op} of global edge {@code edge}, adding into node {@code slot}. */
  void add(int edge, int op, int slot, NDArray value) {
    members.add(new Member(edge, op, slot, value));
  }

  /**
   * After the backward pass: {@code dL/dg}, shape {@code [edges, ops]}, zero for every candidate
   * not registered ({@code none}, and in two-path mode every op outside the edge's pair); in
   * two-path mode each registered entry is multiplied by its weight {@code 1 / pi}. Not on the
   * autograd graph.
   */
  NDArray gateGradients(int edges, int ops) {
    if (members.isEmpty()) {
      throw new IllegalStateException("no candidates were registered");
    }
    NDArray[] grads = new NDArray[leaves.size()];
    NDList dots = new NDList(members.size());
    for (Member m : members) {
      if (grads[m.slot()] == null) {
        NDArray leaf = leaves.get(m.slot());
        if (leaf == null) {
          throw new IllegalStateException("node slot " + m.slot() + " was never tapped");
        }
        NDArray g = leaf.getGradient();
        grads[m.slot()] = g.reshape(g.getShape().get(0), 1, -1);
      }
      NDArray g = grads[m.slot()];
      long n = g.getShape().get(0);
      // per image: [1, chw] x [chw, 1]; the value may be a channel slice of a fused conv's output,
      // which this reads in place (a view), with no product tensor the size of the map
      dots.add(g.batchMatMul(m.value().reshape(n, -1, 1)).reshape(n));
    }
    float[] sums = NDArrays.stack(dots).sum(new int[] {1}).toFloatArray();
    float[] dg = new float[edges * ops];
    for (int i = 0; i < sums.length; i++) {
      Member m = members.get(i);
      dg[m.edge() * ops + m.op()] += sums[i];
    }
    if (pairs != null) {
      float[] w = pairs.weights();
      if (w.length != dg.length) {
        throw new IllegalArgumentException(
            "two-path pairs have " + w.length + " entries for " + dg.length + " gates");
      }
      for (int i = 0; i < dg.length; i++) {
        dg[i] *= w[i];
      }
    }
    return grads[members.get(0).slot()].getManager().create(dg, new Shape(edges, ops));
  }
}
