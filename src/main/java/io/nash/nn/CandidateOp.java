package io.nash.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import io.nash.space.Op;
import java.util.function.Supplier;

/**
 * One candidate op on one edge (nash-method.md section 1, "Candidate operations"), stride 1 ({@code
 * out -> out}) or stride 2 ({@code in -> out = 2 in}):
 *
 * <ul>
 *   <li>{@code none}: zeros; {@link #apply} returns {@code null} and callers skip the term (adding
 *       zeros changes nothing, and its alpha-gradient term {@code sum(dL/dy * 0)} is 0).
 *   <li>{@code max_pool_3x3}: maxpool 3 (pad 1, stride s), then non-affine BN; at stride 2 the
 *       pooled map is concatenated twice on channels. BN is applied before the concatenation: both
 *       halves are the same tensor, so per-channel batch statistics, and hence the result, are
 *       identical to normalising after it, at half the cost.
 *   <li>{@code skip_connect}: identity at stride 1; at stride 2 the factorized reduce: binarized
 *       1x1/2 convs to out/2 channels on {@code x} and on {@code x} shifted by one pixel, concat,
 *       ReLU, non-affine BN.
 *   <li>{@code conv_kxk}: binarized conv k x k (pad k/2, stride s), ReLU, non-affine BN.
 * </ul>
 *
 * <p><b>Odd map sizes</b> (a 28x28 input meets a 7x7 map at ResNet18's third group): the op handles
 * them, inputs are not padded to 32x32. The shifted branch of the factorized reduce is {@code
 * pad(x, right 1, bottom 1)[:, :, 1:, 1:]}: on even sizes it samples exactly the pixels of {@code
 * x[:, :, 1:, 1:]} (the pad is never read), on odd sizes it gives {@code ceil(h/2)} rows like the
 * other branch, the padded border reading zeros. Every other stride-2 op also yields {@code
 * ceil(h/2)}. Binarization commutes with the shift and zero pad (sign(0) = F(0) = 0), so the
 * shifted branch reuses the shared binarized input.
 *
 * <p>Immutable (holds only tensor ids); thread-safe as far as the network using it is.
 */
final class CandidateOp {
  private final Op op;
  private final int stride;
  private final int in;
  private final int out;
  private final int[] params; // tensor ids in the ParamTable

  private CandidateOp(Op op, int stride, int in, int out, int[] params) {
    this.op = op;
    this.stride = stride;
    this.in = in;
    this.out = out;
    this.params = params;
  }

  /** Creates the op's tensors in {@code table} under {@code prefix}. */
  static CandidateOp create(
      ParamTable table, String prefix, Op op, int stride, int in, int out, int edge, int opIdx) {
    if (stride == 1 && in != out) {
      throw new IllegalArgumentException(
          "stride-1 edge maps " + in + " -> " + out + " channels: must keep them equal");
    }
    if (stride == 2 && out != 2 * in) {
      throw new IllegalArgumentException(
          "stride-2 edge maps " + in + " -> " + out + " channels: must double them");
    }
    if (stride != 1 && stride != 2) {
      throw new IllegalArgumentException("edge stride = " + stride + ": must be 1 or 2");
    }
    int[] ids;
    String p = prefix + "." + op.jsonName();
    if (op.isConv()) {
      int k = op.kernel();
      ids =
          new int[] {
            table.add(
                p + ".w",
                new Shape(out, in, k, k),
                ParamTable.Kind.FAN_IN_UNIFORM,
                in * k * k,
                edge,
                opIdx)
          };
    } else if (op == Op.SKIP_CONNECT && stride == 2) {
      Shape s = new Shape(out / 2, in, 1, 1);
      ids =
          new int[] {
            table.add(p + ".w1", s, ParamTable.Kind.FAN_IN_UNIFORM, in, edge, opIdx),
            table.add(p + ".w2", s, ParamTable.Kind.FAN_IN_UNIFORM, in, edge, opIdx)
          };
    } else {
      ids = new int[0];
    }
    return new CandidateOp(op, stride, in, out, ids);
  }

  Op op() {
    return op;
  }

  int stride() {
    return stride;
  }

  int outChannels() {
    return out;
  }

  /** Tensor id of the op's {@code i}-th weight (conv: 0; factorized reduce: 0 and 1). */
  int param(int i) {
    return params[i];
  }

  /**
   * The op's output on {@code x}, or {@code null} for {@code none}.
   *
   * @param xb the binarized {@code x} ({@link Binarize#activation}), computed once per state and
   *     shared by every binarized op reading it; asked for only by ops that need it
   */
  NDArray apply(NDArray x, Supplier<NDArray> xb, ParamTable table, Norms norms) {
    switch (op) {
      case NONE:
        return null;
      case MAX_POOL_3X3:
        {
          NDArray y =
              norms.plain(
                  Pool.maxPool2d(
                      x, new Shape(3, 3), new Shape(stride, stride), new Shape(1, 1), false));
          return stride == 1 ? y : y.concat(y, 1);
        }
      case SKIP_CONNECT:
        {
          if (stride == 1) {
            return x;
          }
          NDArray b = xb.get();
          NDArray a1 = Binarize.conv(b, table.array(params[0]), 2, 0);
          NDArray a2 = Binarize.conv(shifted(b), table.array(params[1]), 2, 0);
          return norms.plain(Activation.relu(a1.concat(a2, 1)));
        }
      default:
        {
          int k = op.kernel();
          NDArray y = Binarize.conv(xb.get(), table.array(params[0]), stride, k / 2);
          return norms.plain(Activation.relu(y));
        }
    }
  }

  /**
   * The output of a weight-free op ({@code max_pool_3x3}, stride-1 {@code skip_connect}) on a
   * tensor off the autograd graph, as a value: the pool's BN runs in place ({@link
   * Norms#plainInPlace}). Equal to {@link #apply} up to float rounding in the BN.
   */
  NDArray value(NDArray x, Norms norms) {
    if (op == Op.SKIP_CONNECT && stride == 1) {
      return x;
    }
    if (op != Op.MAX_POOL_3X3) {
      throw new IllegalStateException(this + " has weights: use apply");
    }
    NDArray y = norms.plainInPlace(maxPool3(x, stride));
    return stride == 1 ? y : y.concat(y, 1);
  }

  /**
   * Max pool 3x3, pad 1, stride 1 or 2, as a value: the maximum of three shifted views along the
   * width, then along the height (of the map padded with -inf), subsampled for stride 2. A maximum
   * is exact, so this equals {@code maxPool2d} bit for bit; it is a few vectorised passes where
   * libtorch's CPU max pool (which also records the argmax indices) is many times slower. Not for
   * tensors that need a gradient: at ties the gradient of a maximum differs from max pooling's.
   */
  static NDArray maxPool3(NDArray x, int stride) {
    long h = x.getShape().get(2);
    long w = x.getShape().get(3);
    NDArray rows;
    try (NDArray p = x.pad(new Shape(1, 1, 1, 1), Float.NEGATIVE_INFINITY);
        NDArray a = p.get(":, :, :, 0:" + w);
        NDArray b = p.get(":, :, :, 1:" + (w + 1));
        NDArray c = p.get(":, :, :, 2:" + (w + 2));
        NDArray ab = a.maximum(b)) {
      rows = ab.maximum(c);
    }
    NDArray out;
    try (rows;
        NDArray a = rows.get(":, :, 0:" + h);
        NDArray b = rows.get(":, :, 1:" + (h + 1));
        NDArray c = rows.get(":, :, 2:" + (h + 2));
        NDArray ab = a.maximum(b)) {
      out = ab.maximum(c);
    }
    if (stride == 1) {
      return out;
    }
    try (out;
        NDArray sub = out.get(":, :, ::2, ::2")) {
      return sub.duplicate();
    }
  }

  /**
   * The input of the factorized reduce's second half: a view of {@code xb[:, :, 1:, 1:]} on even
   * maps, of the right/bottom zero-padded map on odd ones (class doc).
   */
  static NDArray shifted(NDArray xb) {
    NDArray src = xb.getShape().get(2) % 2 == 0 ? xb : xb.pad(new Shape(0, 1, 0, 1), 0);
    return src.get(":, :, 1:, 1:");
  }

  /** Multiply-accumulates of one forward pass per image on an {@code h x h} input. */
  long macs(int h) {
    int ho = stride == 1 ? h : (h + 1) / 2;
    long pixels = (long) ho * ho;
    if (op.isConv()) {
      return pixels * out * in * op.kernel() * op.kernel();
    }
    if (op == Op.SKIP_CONNECT && stride == 2) {
      return 2 * pixels * (out / 2) * in;
    }
    return 0;
  }

  @Override
  public String toString() {
    return op + "/s" + stride + " " + in + "->" + out;
  }
}
