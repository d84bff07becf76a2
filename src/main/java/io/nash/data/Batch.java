package io.nash.data;

import io.nash.space.ImageShape;

/**
 * One mini-batch: {@code size} images in NCHW order ({@code x}, size*C*H*W floats) and their labels
 * ({@code y}).
 *
 * <p>A short-lived carrier: the arrays are the batch's own (fresh copies made when the batch was
 * cut, never shared with a dataset) and are handed out without copying, so a consumer may convert
 * or modify them in place (normalize, augment, copy into an NDArray). Not thread-safe; a plain
 * class (not a record) so that Spark's Kryo can serialize it.
 */
public final class Batch {
  private final float[] x;
  private final int[] y;
  private final int size;
  private final ImageShape shape;

  public Batch(float[] x, int[] y, int size, ImageShape shape) {
    if (size < 0 || y.length != size || x.length != (long) size * shape.size()) {
      throw new IllegalArgumentException(
          "batch of size "
              + size
              + " with "
              + y.length
              + " labels and "
              + x.length
              + " values for shape "
              + shape
              + ": must have size labels and size*C*H*W values");
    }
    this.x = x;
    this.y = y;
    this.size = size;
    this.shape = shape;
  }

  /** The pixels, size*C*H*W floats (the batch's own array, not a copy). */
  public float[] x() {
    return x;
  }

  /** The labels (the batch's own array, not a copy). */
  public int[] y() {
    return y;
  }

  public int size() {
    return size;
  }

  public ImageShape shape() {
    return shape;
  }

  /** The NCHW shape as a long[] {size, C, H, W}, the form DJL's {@code Shape} takes. */
  public long[] nchw() {
    return new long[] {size, shape.channels(), shape.height(), shape.width()};
  }
}
