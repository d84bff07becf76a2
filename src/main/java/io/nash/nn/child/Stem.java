package io.nash.nn.child;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.nash.nn.quant.BatchNorm2d;
import io.nash.nn.quant.QuantConv2d;
import io.nash.nn.quant.QuantReLU;
import io.nash.space.ImageShape;

/**
 * The stem (nash-method.md section 4): for ImageNet-sized inputs a 7x7/2 conv, BN, QuantReLU and a
 * 3/2 max pool (torchvision's ResNet order; the pool reads the quantized activation, as on FINN);
 * for small inputs (28 or 32 px) a 3x3/1 conv, BN and QuantReLU, so no resolution is lost before
 * the first group (the hardware model assumes the same). The conv has the {@code firstLayerBits}
 * weights. Not thread-safe.
 */
public final class Stem {
  private final QuantConv2d conv;
  private final boolean maxPool;
  private final BatchNorm2d bn;
  private final QuantReLU relu;
  private final int outHeight;
  private final int outWidth;

  Stem(Builder b, ImageShape in, int width) {
    boolean big = in.imagenetStem();
    int k = big ? 7 : 3;
    conv =
        b.conv(
            "stem.conv",
            QuantConv2d.Role.FIRST,
            in.channels(),
            width,
            k,
            big ? 2 : 1,
            in.height(),
            in.width());
    maxPool = big;
    bn = b.bn("stem.bn", width);
    relu = b.relu("stem.relu");
    outHeight = maxPool ? (conv.outHeight() - 1) / 2 + 1 : conv.outHeight();
    outWidth = maxPool ? (conv.outWidth() - 1) / 2 + 1 : conv.outWidth();
  }

  NDArray forward(NDArray x, boolean training) {
    NDArray y = relu.forward(bn.forward(conv.forward(x), training));
    if (maxPool) {
      // after the unsigned QuantReLU, so the pool's padding (-inf here, zeros in FINN's
      // FMPadding) never wins a window
      y = Pool.maxPool2d(y, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false);
    }
    return y;
  }

  public QuantConv2d conv() {
    return conv;
  }

  /** Whether a 3/2 max pool (pad 1) follows the conv (ImageNet stem). */
  public boolean hasMaxPool() {
    return maxPool;
  }

  public BatchNorm2d bn() {
    return bn;
  }

  public QuantReLU relu() {
    return relu;
  }

  public int outHeight() {
    return outHeight;
  }

  public int outWidth() {
    return outWidth;
  }
}
