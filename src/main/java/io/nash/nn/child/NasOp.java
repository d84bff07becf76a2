package io.nash.nn.child;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.nash.nn.quant.BatchNorm2d;
import io.nash.nn.quant.QuantConv2d;
import io.nash.nn.quant.QuantReLU;
import io.nash.space.Op;

/**
 * The one NAS op a derived node keeps on its input (nash-method.md section 1, "Candidate
 * operations"), quantized for the final network: convs have {@code nasWeightBits} weights (bipolar
 * at 1 bit) and read the quantized input state; the ReLU inside conv ops and the factorized reduce
 * is a QuantReLU. {@code none} is never built (it contributes zeros, so the node simply has no
 * addition).
 *
 * <p>Factorized reduce on odd maps (7x7 at 28 px input): the shifted input {@code x[:, :, 1:, 1:]}
 * is zero-padded by one row and column at the end, so both halves give ceil(H/2) outputs; on even
 * maps this is exactly the reference's result (the padding is never sampled). Not thread-safe.
 */
public final class NasOp {
  private final Op op;
  private final int stride;
  private final QuantConv2d conv;
  private final QuantConv2d convB;
  private final QuantReLU relu;
  private final BatchNorm2d bn;

  NasOp(Builder b, String name, Op op, int stride, int in, int out, int h, int w) {
    this.op = op;
    this.stride = stride;
    boolean sameShape = stride == 1 && in == out;
    boolean doubling = stride == 2 && out == 2 * in;
    QuantConv2d c = null;
    QuantConv2d cb = null;
    QuantReLU r = null;
    BatchNorm2d n = null;
    switch (op) {
      case MAX_POOL_3X3, SKIP_CONNECT -> {
        if (!sameShape && !doubling) {
          throw new IllegalArgumentException(
              name
                  + ": op "
                  + op
                  + " cannot map "
                  + in
                  + " channels to "
                  + out
                  + " at stride "
                  + stride
                  + " (needs equal channels at stride 1 or doubled at stride 2)");
        }
        if (op == Op.SKIP_CONNECT && stride == 2) {
          c = b.conv(name + ".conv_a", QuantConv2d.Role.NAS, in, out / 2, 1, 2, h, w);
          cb = b.conv(name + ".conv_b", QuantConv2d.Role.NAS, in, out / 2, 1, 2, h, w);
          r = b.relu(name + ".relu");
          n = b.bn(name + ".bn", out);
        } else if (op == Op.MAX_POOL_3X3) {
          n = b.bn(name + ".bn", out);
        }
      }
      case CONV_1X1, CONV_3X3, CONV_5X5 -> {
        c = b.conv(name + ".conv", QuantConv2d.Role.NAS, in, out, op.kernel(), stride, h, w);
        r = b.relu(name + ".relu");
        n = b.bn(name + ".bn", out);
      }
      case NONE -> throw new IllegalArgumentException(name + ": 'none' is not built");
    }
    this.conv = c;
    this.convB = cb;
    this.relu = r;
    this.bn = n;
  }

  NDArray forward(NDArray x, boolean training) {
    switch (op) {
      case MAX_POOL_3X3 -> {
        // zero padding, as FINN's FMPadding pads (the input is a signed activation, so this is
        // not the -inf padding of a plain max pool at the borders)
        NDArray padded = x.pad(new Shape(1, 1, 1, 1), 0);
        NDArray y =
            Pool.maxPool2d(
                padded, new Shape(3, 3), new Shape(stride, stride), new Shape(0, 0), false);
        if (stride == 2) {
          y = y.concat(y, 1);
        }
        return bn.forward(y, training);
      }
      case SKIP_CONNECT -> {
        if (stride == 1) {
          return x;
        }
        NDArray shifted = x.get(":, :, 1:, 1:").pad(new Shape(0, 1, 0, 1), 0);
        NDArray y = conv.forward(x).concat(convB.forward(shifted), 1);
        return bn.forward(relu.forward(y), training);
      }
      default -> {
        return bn.forward(relu.forward(conv.forward(x)), training);
      }
    }
  }

  public Op op() {
    return op;
  }

  public int stride() {
    return stride;
  }

  /** The conv of a conv op, or the first half of a factorized reduce; null otherwise. */
  public QuantConv2d conv() {
    return conv;
  }

  /** The shifted half of a factorized reduce; null otherwise. */
  public QuantConv2d shiftedConv() {
    return convB;
  }

  /** The op's QuantReLU; null for pools and identities. */
  public QuantReLU relu() {
    return relu;
  }

  /** The op's BN; null for the identity. */
  public BatchNorm2d bn() {
    return bn;
  }
}
