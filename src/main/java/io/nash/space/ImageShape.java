package io.nash.space;

import java.util.Locale;

/**
 * The shape (channels, height, width) of one image, which is also the input of every network the
 * engine builds: dataset images, the supernet's and the child network's input, and the input of the
 * lowered FINN network. Written {@code CxHxW}, e.g. {@code 3x32x32} or {@code 1x28x28} ({@link
 * #parse}, {@link #toString}). Immutable and thread-safe.
 *
 * <p>A final class rather than a record so that Spark's Kryo (which cannot handle records) can
 * serialize the types that hold it.
 */
public final class ImageShape implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Inputs at least this tall and wide get the ImageNet stem (7x7/2 conv, 3/2 max pool). */
  public static final int IMAGENET_STEM_MIN = 64;

  private final int channels;
  private final int height;
  private final int width;

  /** A shape; every dimension must be at least 1. */
  public ImageShape(int channels, int height, int width) {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "image shape = "
              + channels
              + "x"
              + height
              + "x"
              + width
              + ": every dimension must be >= 1");
    }
    this.channels = channels;
    this.height = height;
    this.width = width;
  }

  /**
   * Parses {@code CxHxW} (case-insensitive, surrounding blanks ignored); the error shows the form.
   */
  public static ImageShape parse(String s) {
    String[] p = s == null ? new String[0] : s.trim().toLowerCase(Locale.ROOT).split("x", -1);
    if (p.length != 3) {
      throw new IllegalArgumentException("input = '" + s + "': must be CxHxW, e.g. 3x224x224");
    }
    try {
      return new ImageShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("input = '" + s + "': must be CxHxW, e.g. 3x224x224", e);
    }
  }

  public int channels() {
    return channels;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  /** Number of values in one image: C*H*W. */
  public int size() {
    return channels * height * width;
  }

  /** Number of values in one channel plane: H*W. */
  public int planeSize() {
    return height * width;
  }

  /**
   * True when a network on this input gets the ImageNet stem (7x7/2 conv, 3/2 max pool): at least
   * {@link #IMAGENET_STEM_MIN} pixels tall and wide. Smaller inputs (28 px Fashion-MNIST, 32 px
   * CIFAR-10) get a 3x3/1 conv.
   */
  public boolean imagenetStem() {
    return height >= IMAGENET_STEM_MIN && width >= IMAGENET_STEM_MIN;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageShape s
        && s.channels == channels
        && s.height == height
        && s.width == width;
  }

  @Override
  public int hashCode() {
    return (channels * 31 + height) * 31 + width;
  }

  /** {@code CxHxW}, e.g. {@code 1x28x28}; {@link #parse} reads it back. */
  @Override
  public String toString() {
    return channels + "x" + height + "x" + width;
  }
}
