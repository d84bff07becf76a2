package io.nash.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.nash.space.GroupSpec;
import io.nash.space.NashVersion;
import io.nash.space.Op;
import java.util.List;
import java.util.function.Supplier;

/**
 * One NASH group (nash-method.md section 1, "Nodes and edges"): the group's BasicBlocks, cut into
 * {@code steps = 2 * blocks} nodes, with a mixed op on every edge {@code (i, j)}, {@code j <= i}:
 *
 * <pre>
 *   s(i+1) = act( BN(conv_i(s_i)) [+ shortcut(s_{i-1}) if i is a block's second layer]
 *                 + sum_j MixedOp(i, j)(s_j) )
 * </pre>
 *
 * {@code act} is tanh for V1/V3/V4 and the identity for V2 (ReLU in the plain ResNet). V2 binarizes
 * the backbone convs; the 1x1 projection shortcut stays full precision in every version (a choice:
 * the method does not binarize it). In the WEIGHT and EVAL modes each edge runs only its sampled
 * op; in the ARCH mode every candidate runs and is weighted by its gate (see {@link Supernet}). The
 * binarized form of each state is computed at most once per forward and shared by every binarized
 * op (and V2 backbone conv) reading it.
 *
 * <p>Immutable after construction (holds tensor ids only).
 */
final class NashGroup {
  private final GroupSpec spec;
  private final boolean plain;
  private final NashVersion version;
  private final int edgeOffset; // global index of this group's edge 0
  private final int[] convW; // per layer
  private final int[] bnGamma;
  private final int[] bnBeta;
  private final int[] shortcut; // {conv, gamma, beta} or empty
  private final CandidateOp[][] ops; // [edge][op]
  private final int inSize;

  NashGroup(
      ParamTable table,
      Norms norms,
      GroupSpec spec,
      NashVersion version,
      int width,
      int edgeOffset,
      int inSize,
      boolean plain) {
    this.spec = spec;
    this.plain = plain;
    this.version = version;
    this.edgeOffset = edgeOffset;
    this.inSize = inSize;
    int in = spec.inChannels(width);
    int out = spec.outChannels(width);
    String g = "g" + spec.index();
    int steps = spec.steps();
    convW = new int[steps];
    bnGamma = new int[steps];
    bnBeta = new int[steps];
    for (int i = 0; i < steps; i++) {
      int cin = i == 0 ? in : out;
      String l = g + ".layer" + i;
      convW[i] =
          table.add(
              l + ".conv.w",
              new Shape(out, cin, 3, 3),
              ParamTable.Kind.FAN_IN_UNIFORM,
              cin * 9,
              -1,
              -1);
      bnGamma[i] = table.add(l + ".bn.gamma", new Shape(out), ParamTable.Kind.ONES, 1, -1, -1);
      bnBeta[i] = table.add(l + ".bn.beta", new Shape(out), ParamTable.Kind.ZEROS, 1, -1, -1);
    }
    if (spec.projectionShortcut()) {
      shortcut =
          new int[] {
            table.add(
                g + ".shortcut.conv.w",
                new Shape(out, in, 1, 1),
                ParamTable.Kind.FAN_IN_UNIFORM,
                in,
                -1,
                -1),
            table.add(g + ".shortcut.bn.gamma", new Shape(out), ParamTable.Kind.ONES, 1, -1, -1),
            table.add(g + ".shortcut.bn.beta", new Shape(out), ParamTable.Kind.ZEROS, 1, -1, -1)
          };
    } else {
      shortcut = new int[0];
    }
    norms.prepare(in);
    norms.prepare(out);
    List<Op> opList = version.ops();
    ops = plain ? new CandidateOp[0][] : new CandidateOp[spec.edges()][opList.size()];
    if (!plain) {
      for (int i = 0; i < steps; i++) {
        for (int j = 0; j <= i; j++) {
          int e = GroupSpec.edgeIndex(i, j);
          int stride = spec.edgeStride(j);
          int cin = stride == 2 ? in : out;
          for (int k = 0; k < opList.size(); k++) {
            ops[e][k] =
                CandidateOp.create(
                    table, g + ".e" + e, opList.get(k), stride, cin, out, edgeOffset + e, k);
          }
        }
      }
    }
  }

  /** Output side length for an input of {@link #inSize}. */
  int outSize() {
    return spec.stride() == 1 ? inSize : (inSize + 1) / 2;
  }

  GroupSpec spec() {
    return spec;
  }

  CandidateOp op(int edge, int op) {
    return ops[edge][op];
  }

  /**
   * Runs the group.
   *
   * @param gates ARCH mode, per-edge reference only: gates {@code [edges, ops, 1, 1, 1]} of the
   *     whole network (value one-hot, gradient that of softmax(alpha)); {@code null} otherwise
   * @param probe ARCH mode, fused (the default): the edges are computed with {@link ArchEdges} and
   *     register their candidates here for the gate gradients; {@code null} otherwise
   */
  NDArray forward(
      NDArray x,
      Supernet.Mode mode,
      SampledPath path,
      NDArray gates,
      ArchProbe probe,
      ParamTable t,
      Norms norms) {
    int steps = spec.steps();
    NDArray[] s = new NDArray[steps + 1];
    NDArray[] bin = new NDArray[steps + 1];
    s[0] = x;
    boolean binBackbone = !plain && version.binarizedBackbone();
    boolean archFused = !plain && probe != null && mode == Supernet.Mode.ARCH;
    NDArray[] pending = archFused ? new NDArray[spec.edges()] : null; // sampled output per edge
    int slot = archFused ? probe.reserve(steps) : -1; // probe slot of node 0
    for (int i = 0; i < steps; i++) {
      if (archFused) {
        // s[i] is ready: compute every edge leaving it now, the nodes i.. add them later
        edgesFrom(i, s, bin, path, probe, slot, t, norms, pending);
      }
      int stride = i == 0 ? spec.stride() : 1;
      NDArray conv =
          binBackbone
              ? Binarize.conv(binarized(s, bin, i), t.array(convW[i]), stride, 1)
              : Binarize.conv2d(s[i], t.array(convW[i]), stride, 1);
      NDArray h = norms.affine(conv, t.array(bnGamma[i]), t.array(bnBeta[i]));
      if (i % 2 == 1) {
        NDArray blockIn = s[i - 1];
        if (i == 1 && shortcut.length > 0) {
          NDArray sc = Binarize.conv2d(blockIn, t.array(shortcut[0]), spec.stride(), 0);
          h = h.addi(norms.affine(sc, t.array(shortcut[1]), t.array(shortcut[2])));
        } else {
          h = h.addi(blockIn);
        }
      }
      if (archFused) {
        for (int j = 0; j <= i; j++) {
          NDArray y = pending[GroupSpec.edgeIndex(i, j)];
          h = y == null ? h : h.addi(y);
        }
        h = probe.tap(slot + i, h);
      } else if (!plain) {
        h = addEdges(h, i, s, bin, mode, path, gates, t, norms);
      }
      s[i + 1] = plain ? Activation.relu(h) : version.tanhAfterNode() ? h.tanh() : h;
    }
    return s[steps];
  }

  private void edgesFrom(
      int j,
      NDArray[] s,
      NDArray[] bin,
      SampledPath path,
      ArchProbe probe,
      int slot,
      ParamTable t,
      Norms norms,
      NDArray[] pending) {
    int n = spec.steps() - j;
    CandidateOp[][] edgeOps = new CandidateOp[n][];
    int[] sampled = new int[n];
    int[] edgeIds = new int[n];
    int[] slots = new int[n];
    for (int i = j; i < spec.steps(); i++) {
      int e = GroupSpec.edgeIndex(i, j);
      edgeOps[i - j] = ops[e];
      edgeIds[i - j] = edgeOffset + e;
      sampled[i - j] = path.op(edgeOffset + e);
      slots[i - j] = slot + i;
    }
    NDArray[] outs =
        ArchEdges.fromState(
            edgeOps, sampled, edgeIds, slots, probe, s[j], binarized(s, bin, j), t, norms);
    for (int i = j; i < spec.steps(); i++) {
      pending[GroupSpec.edgeIndex(i, j)] = outs[i - j];
    }
  }

  private NDArray addEdges(
      NDArray h,
      int node,
      NDArray[] s,
      NDArray[] bin,
      Supernet.Mode mode,
      SampledPath path,
      NDArray gates,
      ParamTable t,
      Norms norms) {
    for (int j = 0; j <= node; j++) {
      int e = GroupSpec.edgeIndex(node, j);
      final int state = j;
      NDArray gateRow = mode == Supernet.Mode.ARCH ? gates.get(edgeOffset + e) : null;
      NDArray y =
          mixed(
              ops[e],
              s[j],
              () -> binarized(s, bin, state),
              mode,
              path.op(edgeOffset + e),
              gateRow,
              t,
              norms);
      if (y != null) {
        h = h.addi(y);
      }
    }
    return h;
  }

  /**
   * One mixed op (one edge). ARCH: {@code sum_k g_k o_k} over every candidate (value: the sampled
   * op's output; {@code dL/dg_k = sum(dL/dy * o_k)}); otherwise the sampled op's output alone.
   * Returns {@code null} when the result is zeros ({@code none} sampled outside ARCH).
   *
   * @param gateRow ARCH only: this edge's gates, shape {@code [ops, 1, 1, 1]}
   */
  static NDArray mixed(
      CandidateOp[] ops,
      NDArray x,
      Supplier<NDArray> xb,
      Supernet.Mode mode,
      int sampled,
      NDArray gateRow,
      ParamTable t,
      Norms norms) {
    if (mode != Supernet.Mode.ARCH) {
      return ops[sampled].apply(x, xb, t, norms);
    }
    NDArray sum = null;
    for (int k = 0; k < ops.length; k++) {
      NDArray o = ops[k].apply(x, xb, t, norms);
      if (o != null) {
        NDArray term = o.mul(gateRow.get(k));
        sum = sum == null ? term : sum.addi(term);
      }
    }
    return sum;
  }

  private static NDArray binarized(NDArray[] s, NDArray[] bin, int j) {
    if (bin[j] == null) {
      bin[j] = Binarize.activation(s[j]);
    }
    return bin[j];
  }

  /** Forward multiply-accumulates per image of the backbone part (convs and shortcut). */
  long backboneMacs(int width) {
    int in = spec.inChannels(width);
    int out = spec.outChannels(width);
    long px = (long) outSize() * outSize();
    long macs = 0;
    for (int i = 0; i < spec.steps(); i++) {
      macs += px * out * (i == 0 ? in : out) * 9;
    }
    if (shortcut.length > 0) {
      macs += px * out * in;
    }
    return macs;
  }

  /** Forward MACs per image of op {@code k} on local edge {@code e}. */
  long edgeMacs(int e, int k) {
    int input = inputOfEdge(e);
    return ops[e][k].macs(input == 0 ? inSize : outSize());
  }

  int edgeCount() {
    return ops.length;
  }

  private static int inputOfEdge(int e) {
    int i = 0;
    while ((i + 1) * (i + 2) / 2 <= e) {
      i++;
    }
    return e - i * (i + 1) / 2;
  }
}
