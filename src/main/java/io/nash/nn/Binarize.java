package io.nash.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Arrays;
import java.util.List;

/**
 * The binarization of nash-method.md section 1, written with {@code stopGradient} because DJL has
 * no user-defined backward functions.
 *
 * <ul>
 *   <li>Activations (Bi-Real): {@code x_b = F(x) + stopGradient(sign(x) - F(x))} with {@code F(x) =
 *       2c - c|c|}, {@code c = clip(x, -1, 1)}. {@code F} is -1 below -1, {@code 2x + x^2} on [-1,
 *       0), {@code 2x - x^2} on [0, 1), 1 above; its derivative {@code (2 - 2|x|)} for {@code |x| <
 *       1}, else 0, is the gradient of {@code x_b}. Forward value: {@code sign(x)} (0 at 0, as
 *       torch.sign).
 *   <li>Weights (straight-through, scaled): {@code W_b = (W + stopGradient(sign(W) - W)) * m},
 *       {@code m = stopGradient(mean|W|)}, so {@code dL/dW = m * dL/dW_b}.
 * </ul>
 *
 * Stateless and thread-safe; every result lives in the manager of its first operand.
 */
final class Binarize {
  /**
   * Largest frozen binarized weight one convolution reads, in values (8 MB of floats); larger ones
   * run as several convolutions over runs of output channels. Each convolution writes a binarized
   * copy of its weight and oneDNN a reordered copy: at tens of MB these buffers come fresh from the
   * OS on every call under glibc's allocator (a 512x512x5x5 weight, 26 MB, cost 6,400 page faults
   * and several times its arithmetic per call on the 2-core test machine), under it they are
   * reused.
   */
  static final long WEIGHT_LIMIT = 2L << 20;

  private Binarize() {}

  /**
   * Bi-Real binarized activation of {@code x} (forward: sign, backward: the polynomial's slope).
   */
  public static NDArray activation(NDArray x) {
    NDArray c = x.clip(-1f, 1f);
    // F = 2c - c|c|
    // c + c, not c.mul(2f): a Java-number operand is a temporary tensor DJL frees before backward
    NDArray f = c.add(c).subi(c.mul(c.abs()));
    NDArray detached = x.sign().subi(f).stopGradient();
    return f.add(detached);
  }

  /**
   * Straight-through binarized weight {@code sign(W) * mean|W|} with gradient {@code m * g}. A
   * weight that takes no gradient (frozen, as in the architecture step and evaluation) gets the
   * value alone, {@code sign(W) * m}: the straight-through form {@code W + (sign(W) - W)} equals
   * {@code sign(W)} exactly in float ({@code sign(W) - W} is exact for {@code 0.5 <= |W| <= 2^24};
   * below 0.5 its rounding error is at most 2^-25, which the sum rounds away), so both give the
   * same tensor (tested), the frozen one without two temporaries the size of the weight.
   */
  public static NDArray weight(NDArray w) {
    NDArray m = scaleTensor(w);
    if (!w.hasGradient()) {
      return w.sign().muli(m);
    }
    NDArray ste = w.add(w.sign().subi(w).stopGradient());
    return ste.muli(m);
  }

  /**
   * Binarized weights of frozen convs (no gradient), concatenated along the output channels: {@code
   * concat(sign(P_i) * m_i)}, where {@code P_i} is a weight or a run of its output channels and
   * {@code m_i} the {@link #scale} of the whole weight it comes from. Equal to {@link #weight} of
   * each weight (rows of it) concatenated; one tensor the size of the result, binarized in place.
   */
  static NDArray frozenWeights(List<NDArray> parts, float[] scales) {
    if (parts.size() != scales.length) {
      throw new IllegalArgumentException(
          parts.size() + " weights but " + scales.length + " scales");
    }
    long rows = 0;
    for (NDArray p : parts) {
      if (p.hasGradient()) {
        throw new IllegalArgumentException("frozenWeights: a weight takes a gradient");
      }
      rows += p.getShape().get(0);
    }
    // per output channel: the scale of the weight it belongs to
    float[] perRow = new float[Math.toIntExact(rows)];
    int r = 0;
    for (int i = 0; i < parts.size(); i++) {
      int n = Math.toIntExact(parts.get(i).getShape().get(0));
      Arrays.fill(perRow, r, r + n, scales[i]);
      r += n;
    }
    NDArray all =
        parts.size() == 1 ? parts.get(0).sign() : NDArrays.concat(new NDList(parts), 0).signi();
    try (NDArray m = all.getManager().create(perRow, new Shape(rows, 1, 1, 1))) {
      return all.muli(m);
    }
  }

  /**
   * {@code mean|W|}, detached, as a scalar tensor: the 1-norm over the element count, a reduction
   * that reads {@code W} once and allocates nothing the size of it ({@code abs().mean()} would).
   */
  private static NDArray scaleTensor(NDArray w) {
    try (NDArray detached = w.stopGradient();
        NDArray flat = detached.reshape(-1)) {
      return flat.norm(1, new int[] {0}, false).divi(flat.size());
    }
  }

  /** The scale {@code mean|W|} of a binarized weight, as a Java float (for tests and reports). */
  public static float scale(NDArray w) {
    try (NDArray m = scaleTensor(w)) {
      return m.getFloat();
    }
  }

  /**
   * A binarized convolution on an input that is already binarized ({@link #activation}), so that
   * several ops reading the same state share one binarization: {@code conv(x_b, weight(W))}.
   */
  public static NDArray conv(NDArray xb, NDArray w, int stride, int pad) {
    return conv(xb, w, stride, pad, WEIGHT_LIMIT);
  }

  /** {@link #conv} with another weight limit than {@link #WEIGHT_LIMIT} (tests: force the cuts). */
  static NDArray conv(NDArray xb, NDArray w, int stride, int pad, long limit) {
    long rows = w.getShape().get(0);
    long per = rowsPerPiece(rows, w.size() / rows, limit);
    if (w.hasGradient() || per == rows) {
      return conv2d(xb, weight(w), stride, pad);
    }
    // a frozen weight over the limit: one convolution per run of output channels, joined by
    // channel; each output channel is the same sum
    float m = scale(w);
    NDList outs = new NDList();
    for (long r = 0; r < rows; r += per) {
      NDArray piece = w.get(new NDIndex("{}:{}", r, Math.min(rows, r + per)));
      outs.add(conv2d(xb, frozenWeights(List.of(piece), new float[] {m}), stride, pad));
    }
    return NDArrays.concat(outs, 1);
  }

  /**
   * Output channels per convolution when a frozen binarized weight of {@code rows} output channels
   * of {@code rowSize} values each is cut so that one convolution reads about {@code limit} values
   * at most: equal runs, rounded up to a multiple of oneDNN's channel block ({@link
   * TorchRuntime#ONEDNN_BLOCK}), since oneDNN's backward pass is unreliable on convolutions whose
   * channel count is not one. {@code rows} when no cut is needed.
   */
  static long rowsPerPiece(long rows, long rowSize, long limit) {
    long count = (rows * rowSize + limit - 1) / limit;
    if (count <= 1) {
      return rows;
    }
    long per = (rows + count - 1) / count;
    long block = TorchRuntime.ONEDNN_BLOCK;
    return Math.min(rows, (per + block - 1) / block * block);
  }

  /**
   * A plain 2-D convolution without bias, in float32; inside a {@link Bf16#scope} its operands are
   * cast to bfloat16 and its output back to float32 (on the autograd graph).
   */
  public static NDArray conv2d(NDArray x, NDArray w, int stride, int pad) {
    if (!Bf16.active()) {
      return convolve(x, w, stride, pad);
    }
    return Bf16.toFloat32(convolve(Bf16.toBf16(x), Bf16.toBf16(w), stride, pad));
  }

  private static NDArray convolve(NDArray x, NDArray w, int stride, int pad) {
    return Conv2d.conv2d(
            x, w, null, new Shape(stride, stride), new Shape(pad, pad), new Shape(1, 1), 1)
        .singletonOrThrow();
  }
}
