package io.nash.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The unsampled binarized convs of the edges leaving one state in the architecture step ({@link
 * ArchEdges}), computed as values (no gradient) with as few convolutions as pays.
 *
 * <p>Convs that share a kernel size and an input (the binarized state, or its one-pixel shift for
 * the second half of the factorized reduce) run as one convolution over their concatenated
 * binarized weights, then ReLU and a non-affine BN, and the output is cut by channel. ReLU and BN
 * act per channel, so every slice equals the op's own output. The first half of the factorized
 * reduce is a binarized 1x1/2 conv with ReLU and BN, so it joins the {@code conv_1x1} convs.
 *
 * <p>Size: one convolution reads at most {@link Binarize#WEIGHT_LIMIT} weight values. Runs of small
 * weights are concatenated up to it; a weight over it (a 5x5 conv at 512 channels is 6.5 M values)
 * is cut by output channels into pieces under it, and its output joined again by channel. Fusing
 * pays where convs are small (few channels, small maps); a large weight gains nothing from it and
 * costs, in each convolution, a binarized copy and oneDNN's reordered copy of the whole
 * concatenation: buffers of tens of MB that glibc's allocator maps fresh from the OS on every step
 * (measured: a 26 MB weight cost 6,400 page faults per call, more than the arithmetic).
 *
 * <p>One instance per state and step; not thread-safe.
 */
final class FusedConvs {
  /** Which part of the op a member computes. */
  private enum Part {
    WHOLE,
    FR_FIRST,
    FR_SECOND
  }

  /** One candidate conv: the edge (local index), the op, the weight tensor, the part. */
  private record Member(int edge, int op, int weight, Part part) {}

  /** Output channels {@code [row0, row0 + rows)} of a member. */
  private record Piece(Member member, long row0, long rows, long rowSize) {
    long values() {
      return rows * rowSize;
    }
  }

  private final ParamTable t;
  private final Norms norms;
  private final int stride;
  private final long limit;
  private final List<List<Member>> byKernel = new ArrayList<>(); // index: kernel size
  private final List<Member> shifted = new ArrayList<>();
  private final Map<Member, List<NDArray>> outputs = new HashMap<>();
  private final Map<Integer, Float> scales = new HashMap<>();

  FusedConvs(ParamTable t, Norms norms, int stride) {
    this(t, norms, stride, Binarize.WEIGHT_LIMIT);
  }

  /** With another weight limit than {@link Binarize#WEIGHT_LIMIT} (tests: force the cuts). */
  FusedConvs(ParamTable t, Norms norms, int stride, long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("weight limit = " + limit + ": must be >= 1");
    }
    this.t = t;
    this.norms = norms;
    this.stride = stride;
    this.limit = limit;
    for (int kernel = 0; kernel <= 5; kernel++) {
      byKernel.add(new ArrayList<>());
    }
  }

  /** Adds the conv (or stride-2 {@code skip_connect}, the factorized reduce) {@code c}. */
  void add(int edge, int op, CandidateOp c) {
    if (c.op().isConv()) {
      byKernel.get(c.op().kernel()).add(new Member(edge, op, c.param(0), Part.WHOLE));
    } else {
      byKernel.get(1).add(new Member(edge, op, c.param(0), Part.FR_FIRST));
      shifted.add(new Member(edge, op, c.param(1), Part.FR_SECOND));
    }
  }

  /**
   * Runs every added conv on {@code xb} (the binarized state, off the autograd graph) and stores
   * each op's output in {@code out[edge][op]}.
   */
  void run(NDArray xb, NDArray[][] out) {
    for (int kernel = 1; kernel < byKernel.size(); kernel++) {
      runAll(byKernel.get(kernel), xb, kernel, stride);
    }
    if (!shifted.isEmpty()) {
      runAll(shifted, CandidateOp.shifted(xb), 1, 2);
    }
    Map<Member, NDArray> joined = new HashMap<>();
    for (Map.Entry<Member, List<NDArray>> e : outputs.entrySet()) {
      List<NDArray> p = e.getValue();
      joined.put(e.getKey(), p.size() == 1 ? p.get(0) : NDArrays.concat(new NDList(p), 1));
    }
    for (List<Member> members : byKernel) {
      for (Member m : members) {
        NDArray y = joined.get(m);
        if (m.part() == Part.FR_FIRST) {
          y = y.concat(joined.get(new Member(m.edge(), m.op(), secondHalf(m), Part.FR_SECOND)), 1);
        }
        out[m.edge()][m.op()] = y;
      }
    }
  }

  private int secondHalf(Member first) {
    for (Member m : shifted) {
      if (m.edge() == first.edge() && m.op() == first.op()) {
        return m.weight();
      }
    }
    throw new IllegalStateException("factorized reduce without its second half");
  }

  /** The members cut into pieces, grouped into convolutions of at most the limit, and run. */
  private void runAll(List<Member> members, NDArray input, int kernel, int convStride) {
    List<Piece> run = new ArrayList<>();
    long size = 0;
    for (Member m : members) {
      for (Piece p : pieces(m)) {
        if (!run.isEmpty() && size + p.values() > limit) {
          convolve(run, input, kernel, convStride);
          run = new ArrayList<>();
          size = 0;
        }
        run.add(p);
        size += p.values();
      }
    }
    if (!run.isEmpty()) {
      convolve(run, input, kernel, convStride);
    }
  }

  /**
   * A whole-conv member over the limit is cut by output channels into equal pieces under it ({@link
   * Binarize#rowsPerPiece}); the factorized reduce's halves are small and never cut.
   */
  private List<Piece> pieces(Member m) {
    long[] shape = t.shape(m.weight());
    long rows = shape[0];
    long rowSize = 1;
    for (int i = 1; i < shape.length; i++) {
      rowSize *= shape[i];
    }
    long per = m.part() == Part.WHOLE ? Binarize.rowsPerPiece(rows, rowSize, limit) : rows;
    List<Piece> out = new ArrayList<>();
    for (long r = 0; r < rows; r += per) {
      out.add(new Piece(m, r, Math.min(per, rows - r), rowSize));
    }
    return out;
  }

  /**
   * One convolution over the pieces' concatenated binarized weights, ReLU, BN in place, cut by
   * channel into the pieces' outputs.
   */
  private void convolve(List<Piece> run, NDArray input, int kernel, int convStride) {
    List<NDArray> weights = new ArrayList<>(run.size());
    float[] pieceScales = new float[run.size()];
    long[] cuts = new long[run.size() - 1];
    long c = 0;
    for (int i = 0; i < run.size(); i++) {
      Piece p = run.get(i);
      NDArray w = t.array(p.member().weight());
      boolean whole = p.rows() == w.getShape().get(0);
      weights.add(whole ? w : w.get(new NDIndex("{}:{}", p.row0(), p.row0() + p.rows())));
      // the scale is the mean |W| of the whole weight, whichever rows a piece holds
      pieceScales[i] = scales.computeIfAbsent(p.member().weight(), id -> Binarize.scale(w));
      c += p.rows();
      if (i < cuts.length) {
        cuts[i] = c;
      }
    }
    // values only: the weight and the conv's output go back as soon as they have been read, and
    // the BN runs in place on the ReLU's output
    NDArray y;
    try (NDArray w = Binarize.frozenWeights(weights, pieceScales);
        NDArray conv = Binarize.conv2d(input, w, convStride, kernel / 2)) {
      y = Activation.relu(conv);
    }
    norms.plainInPlace(y);
    NDList parts = cuts.length == 0 ? new NDList(y) : y.split(cuts, 1);
    for (int i = 0; i < run.size(); i++) {
      outputs.computeIfAbsent(run.get(i).member(), m -> new ArrayList<>()).add(parts.get(i));
    }
  }
}
