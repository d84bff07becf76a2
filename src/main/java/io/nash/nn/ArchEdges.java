package io.nash.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import io.nash.space.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * The architecture step's computation of every edge leaving one state (ARCH mode), fused. It gives
 * the same loss and alpha gradient as running {@link NashGroup#mixed} on each edge (tested by
 * {@code ArchFusionTest}), with fewer, larger kernels and no backward pass that can only produce
 * zeros:
 *
 * <ul>
 *   <li><b>Fused convolutions.</b> The unsampled binarized convs of all edges leaving a state that
 *       share a kernel size and an input (the binarized state, or its one-pixel shift for the
 *       second half of the factorized reduce) run as one convolution over the concatenated
 *       binarized weights, then one non-affine BN and ReLU, and are split by channel. ReLU and BN
 *       act per channel, so every slice equals the op's own output. The first half of the
 *       factorized reduce is a binarized 1x1/2 conv with ReLU and BN, so it joins the {@code
 *       conv_1x1} group.
 *   <li><b>Weight-free ops once per state.</b> {@code max_pool_3x3} and the stride-1 {@code
 *       skip_connect} read only the state, so every edge leaving it shares one result.
 *   <li><b>No zero backward.</b> A node adds {@code sum_k g_k o_k} whose gate values are exactly
 *       one-hot, so {@code dL/do_k = g_k dL/dy} is exactly zero for every op but the sampled one:
 *       the original computation back-propagates zeros through every unsampled candidate. Here the
 *       unsampled candidates are computed on the detached state (their outputs are values only,
 *       which is all {@code dL/dg_k = sum(dL/dy * o_k)} needs), and only the sampled op of each
 *       edge, computed on its own exactly as in the per-edge form, stays on the autograd graph.
 * </ul>
 *
 * <p>Weights are frozen in the architecture step, so the binarized weights carry no gradient.
 * Stateless; every result lives in the manager of the state tensor.
 */
final class ArchEdges {
  private ArchEdges() {}

  /**
   * One slice of a fused conv of unsampled candidates: the edge (slot), the op index, the weight,
   * the part of the op.
   */
  private record Member(int slot, int op, int weight, long channels, int part) {}

  private static final int WHOLE = 0;
  private static final int FR_FIRST = 1;
  private static final int FR_SECOND = 2;

  /**
   * Gated sums {@code sum_k g_k o_k} of the edges leaving one state.
   *
   * @param edgeOps candidate ops of each edge leaving the state (all with the same stride)
   * @param sampled sampled op index of each edge
   * @param gateRows gates of each edge, shape {@code [ops, 1, 1, 1]}
   * @param x the state; {@code xb} its binarization
   * @return one tensor per edge, or {@code null} where every op is {@code none}
   */
  static NDArray[] fromState(
      CandidateOp[][] edgeOps,
      int[] sampled,
      NDArray[] gateRows,
      NDArray x,
      NDArray xb,
      ParamTable t,
      Norms norms) {
    int edges = edgeOps.length;
    int opCount = edgeOps[0].length;
    int stride = edgeOps[0][0].stride();
    NDArray[][] out = new NDArray[edges][opCount];
    NDArray xDet = x.stopGradient();
    NDArray xbDet = xb.stopGradient();
    // fused groups of the unsampled convs, by kernel size (the index), and on the shifted input
    List<List<Member>> fused = new ArrayList<>();
    for (int kernel = 0; kernel <= 5; kernel++) {
      fused.add(new ArrayList<>());
    }
    List<Member> fusedShifted = new ArrayList<>();
    for (int k = 0; k < opCount; k++) {
      CandidateOp first = edgeOps[0][k];
      Op op = first.op();
      if (op == Op.NONE) {
        continue;
      }
      if (op.isConv() || (op == Op.SKIP_CONNECT && stride == 2)) {
        for (int e = 0; e < edges; e++) {
          CandidateOp c = edgeOps[e][k];
          if (sampled[e] == k) {
            // the sampled op keeps its own conv: its backward then has exactly the shapes of the
            // per-edge computation (oneDNN's 1x1 backward-data kernel crashed, SIGFPE in
            // brg_blocking_t::est_eff_1x1, on some fused shapes at width 64)
            out[e][k] = c.apply(x, () -> xb, t, norms);
          } else if (op.isConv()) {
            fused.get(op.kernel()).add(new Member(e, k, c.param(0), c.outChannels(), WHOLE));
          } else {
            long half = c.outChannels() / 2;
            fused.get(1).add(new Member(e, k, c.param(0), half, FR_FIRST));
            fusedShifted.add(new Member(e, k, c.param(1), half, FR_SECOND));
          }
        }
        continue;
      }
      // weight-free (max pool, identity): one result per state, shared by every edge
      NDArray tracked = null;
      NDArray detached = null;
      for (int e = 0; e < edges; e++) {
        if (sampled[e] == k) {
          if (tracked == null) {
            tracked = first.apply(x, () -> xb, t, norms);
          }
          out[e][k] = tracked;
        }
      }
      for (int e = 0; e < edges; e++) {
        if (sampled[e] != k) {
          if (detached == null) {
            detached =
                tracked != null ? tracked.stopGradient() : first.apply(xDet, () -> xbDet, t, norms);
          }
          out[e][k] = detached;
        }
      }
    }
    NDArray[][] frFirst = new NDArray[edges][];
    for (int kernel = 1; kernel < fused.size(); kernel++) {
      run(fused.get(kernel), xbDet, kernel, stride, t, norms, out, frFirst);
    }
    if (!fusedShifted.isEmpty()) {
      run(fusedShifted, CandidateOp.shifted(xbDet), 1, 2, t, norms, out, frFirst);
    }
    NDArray[] sums = new NDArray[edges];
    for (int e = 0; e < edges; e++) {
      for (int k = 0; k < opCount; k++) {
        if (out[e][k] != null) {
          NDArray term = out[e][k].mul(gateRows[e].get(k));
          sums[e] = sums[e] == null ? term : sums[e].addi(term);
        }
      }
    }
    return sums;
  }

  /**
   * One fused conv (values only, no gradient) over {@code members}: concatenated binarized weights,
   * conv, ReLU, non-affine BN, split by channel into {@code out} (whole ops) or the
   * factorized-reduce halves. The second half of a factorized reduce is joined to its first half
   * (stored in {@code frFirst}) by channel.
   */
  private static void run(
      List<Member> members,
      NDArray input,
      int kernel,
      int stride,
      ParamTable t,
      Norms norms,
      NDArray[][] out,
      NDArray[][] frFirst) {
    if (members.isEmpty()) {
      return;
    }
    NDList weights = new NDList(members.size());
    long[] cuts = new long[members.size() - 1];
    long c = 0;
    for (int i = 0; i < members.size(); i++) {
      weights.add(Binarize.weight(t.array(members.get(i).weight())));
      c += members.get(i).channels();
      if (i < cuts.length) {
        cuts[i] = c;
      }
    }
    NDArray w = weights.size() == 1 ? weights.get(0) : NDArrays.concat(weights, 0);
    NDArray y = norms.plain(Activation.relu(Binarize.conv2d(input, w, stride, kernel / 2)));
    NDList parts = cuts.length == 0 ? new NDList(y) : y.split(cuts, 1);
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      NDArray part = parts.get(i);
      switch (m.part()) {
        case WHOLE -> out[m.slot()][m.op()] = part;
        case FR_FIRST -> {
          if (frFirst[m.slot()] == null) {
            frFirst[m.slot()] = new NDArray[out[m.slot()].length];
          }
          frFirst[m.slot()][m.op()] = part;
        }
        default -> out[m.slot()][m.op()] = frFirst[m.slot()][m.op()].concat(part, 1);
      }
    }
  }
}
