package io.nash.data;

/**
 * The shape (channels, height, width) of one image. Immutable and thread-safe.
 *
 * <p>A final class rather than a record so that Spark's Kryo (which cannot handle records) can
 * serialize the types that hold it.
 */
public final class ImageShape implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final int channels;
  private final int height;
  private final int width;

  public ImageShape(int channels, int height, int width) {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "image shape (" + channels + "," + height + "," + width + "): all must be >= 1");
    }
    this.channels = channels;
    this.height = height;
    this.width = width;
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

  /** Number of floats in one image: C*H*W. */
  public int size() {
    return channels * height * width;
  }

  /** Number of floats in one channel plane: H*W. */
  public int planeSize() {
    return height * width;
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

  /** "CxHxW", e.g. "1x28x28". */
  @Override
  public String toString() {
    return channels + "x" + height + "x" + width;
  }
}
