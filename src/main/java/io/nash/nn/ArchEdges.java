package io.nash.nn;

import ai.djl.ndarray.NDArray;
import io.nash.space.Op;

/**
 * The architecture step's computation of every edge leaving one state (ARCH mode), fused. It gives
 * the same loss and alpha gradient as running {@link NashGroup#mixed} on each edge (tested by
 * {@code ArchFusionTest}), with fewer, larger kernels and no backward pass that can only produce
 * zeros:
 *
 * <ul>
 *   <li><b>Fused convolutions.</b> The unsampled binarized convs of all edges leaving a state run
 *       as a few large convolutions, values only ({@link FusedConvs}).
 *   <li><b>Weight-free ops once per state.</b> {@code max_pool_3x3} and the stride-1 {@code
 *       skip_connect} read only the state, so every edge leaving it shares one result; unsampled,
 *       it is a value ({@link CandidateOp#value}).
 *   <li><b>No zero backward.</b> A node adds {@code sum_k g_k o_k} whose gate values are exactly
 *       one-hot, so {@code dL/do_k = g_k dL/dy} is exactly zero for every op but the sampled one.
 *       Only the sampled op of each edge, computed on its own exactly as in the per-edge form, is
 *       on the autograd graph and added to its node; every candidate's output (the sampled one's
 *       included) is kept as a value for {@code dL/dg_k = sum(dL/dy * o_k)}, which {@link
 *       ArchProbe} evaluates after the backward pass.
 * </ul>
 *
 * <p><b>Two-path.</b> When the probe holds {@link PathPairs}, only the candidates of each edge's
 * pair are computed as values and registered (the sampled op still runs, on the graph, for the
 * forward pass); {@link Supernet} then weights their gate gradients by {@code 1 / pi}.
 *
 * <p>Weights are frozen in the architecture step, so the binarized weights carry no gradient.
 * Stateless; every result lives in the manager of the state tensor.
 */
final class ArchEdges {
  private ArchEdges() {}

  /**
   * The candidates of the edges leaving one state: returns each edge's sampled op output, on the
   * autograd graph, and registers every non-{@code none} candidate's output value with {@code
   * probe} for its gate gradient.
   *
   * @param edgeOps candidate ops of each edge leaving the state (all with the same stride)
   * @param sampled sampled op index of each edge
   * @param edgeIds global index of each edge (its row of alpha)
   * @param slots probe slot of the node each edge adds into
   * @param x the state; {@code xb} its binarization
   * @return one tensor per edge, or {@code null} where {@code none} is sampled
   */
  static NDArray[] fromState(
      CandidateOp[][] edgeOps,
      int[] sampled,
      int[] edgeIds,
      int[] slots,
      ArchProbe probe,
      NDArray x,
      NDArray xb,
      ParamTable t,
      Norms norms) {
    int edges = edgeOps.length;
    int opCount = edgeOps[0].length;
    int stride = edgeOps[0][0].stride();
    NDArray[][] out = new NDArray[edges][opCount];
    NDArray[] tracked = new NDArray[edges];
    NDArray xDet = x.stopGradient();
    NDArray xbDet = xb.stopGradient();
    FusedConvs fused = new FusedConvs(t, norms, stride);
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
            tracked[e] = c.apply(x, () -> xb, t, norms);
            out[e][k] = tracked[e].stopGradient();
          } else if (probe.wants(edgeIds[e], k)) {
            fused.add(e, k, c);
          }
        }
        continue;
      }
      // weight-free (max pool, identity): one result per state, shared by every edge
      NDArray shared = null;
      NDArray detached = null;
      for (int e = 0; e < edges; e++) {
        if (sampled[e] == k) {
          if (shared == null) {
            shared = first.apply(x, () -> xb, t, norms);
          }
          tracked[e] = shared;
        }
      }
      for (int e = 0; e < edges; e++) {
        if (!probe.wants(edgeIds[e], k)) {
          continue;
        }
        if (detached == null) {
          detached = shared != null ? shared.stopGradient() : first.value(xDet, norms);
        }
        out[e][k] = detached;
      }
    }
    fused.run(xbDet, out);
    for (int e = 0; e < edges; e++) {
      for (int k = 0; k < opCount; k++) {
        if (out[e][k] != null && (probe.wants(edgeIds[e], k))) {
          probe.add(edgeIds[e], k, slots[e], out[e][k]);
        }
      }
    }
    return tracked;
  }
}
