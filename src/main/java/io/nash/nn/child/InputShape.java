package io.nash.nn.child;

/**
 * Shape of one input image (channels, height, width) and the stem it gets: inputs of at least 64
 * pixels take the ImageNet stem (7x7/2 conv, 3/2 max pool), smaller ones (28 px Fashion-MNIST, 32
 * px CIFAR-10) a 3x3/1 conv, so the four stages see 28/14/7/4 or 32/16/8/4 maps. Immutable.
 */
public record InputShape(int channels, int height, int width) {
  /** Inputs at least this tall and wide get the ImageNet stem. */
  public static final int IMAGENET_STEM_MIN = 64;

  public InputShape {
    if (channels < 1 || height < 4 || width < 4) {
      throw new IllegalArgumentException(
          "input shape = "
              + channels
              + "x"
              + height
              + "x"
              + width
              + ": must have >= 1 channel and be at least 4x4");
    }
  }

  /** True when the 7x7/2 + max-pool stem applies. */
  public boolean imagenetStem() {
    return height >= IMAGENET_STEM_MIN && width >= IMAGENET_STEM_MIN;
  }

  /** Values per image, C*H*W. */
  public int size() {
    return channels * height * width;
  }

  @Override
  public String toString() {
    return channels + "x" + height + "x" + width;
  }
}
