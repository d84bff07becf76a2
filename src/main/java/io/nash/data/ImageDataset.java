package io.nash.data;

import io.nash.space.ImageShape;
import java.util.Arrays;
import java.util.Iterator;

/**
 * N labelled images of one shape: pixels as one {@code float[]} in NCHW order (N*C*H*W values, in
 * [0,1] as read, before any normalization) and labels as {@code int[]} in [0, numClasses).
 *
 * <p>Immutable and thread-safe: the arrays are private, every operation returns a new dataset, and
 * accessors hand out copies. Large datasets are built with {@link #wrap}, which takes ownership of
 * arrays nobody else holds, to avoid a second copy of ~190 MB of pixels.
 */
public final class ImageDataset {
  private final String name;
  private final ImageShape shape;
  private final int numClasses;
  private final float[] images;
  private final int[] labels;

  private ImageDataset(
      String name, ImageShape shape, int numClasses, float[] images, int[] labels) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("dataset name '" + name + "': must be non-empty");
    }
    if (numClasses < 1) {
      throw new IllegalArgumentException(
          "dataset " + name + ": numClasses = " + numClasses + ": must be >= 1");
    }
    long expected = (long) labels.length * shape.size();
    if (images.length != expected) {
      throw new IllegalArgumentException(
          "dataset "
              + name
              + ": "
              + images.length
              + " pixel values for "
              + labels.length
              + " images of "
              + shape
              + ": must be "
              + expected);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException(
            "dataset "
                + name
                + ": label "
                + labels[i]
                + " at index "
                + i
                + ": must be in [0, "
                + numClasses
                + ")");
      }
    }
    this.name = name;
    this.shape = shape;
    this.numClasses = numClasses;
    this.images = images;
    this.labels = labels;
  }

  /** A dataset holding copies of the given arrays. */
  public static ImageDataset of(
      String name, ImageShape shape, int numClasses, float[] images, int[] labels) {
    return new ImageDataset(name, shape, numClasses, images.clone(), labels.clone());
  }

  /**
   * A dataset that takes ownership of the given arrays (no copy): the caller must not keep or
   * modify them afterwards. For readers and generators that just built the arrays.
   */
  public static ImageDataset wrap(
      String name, ImageShape shape, int numClasses, float[] images, int[] labels) {
    return new ImageDataset(name, shape, numClasses, images, labels);
  }

  public String name() {
    return name;
  }

  public ImageShape shape() {
    return shape;
  }

  public int numClasses() {
    return numClasses;
  }

  /** Number of images. */
  public int size() {
    return labels.length;
  }

  public int label(int i) {
    return labels[i];
  }

  /** One pixel value of image {@code i}. */
  public float pixel(int i, int c, int y, int x) {
    return images[i * shape.size() + (c * shape.height() + y) * shape.width() + x];
  }

  /** Copies image {@code i} (C*H*W floats) into {@code dst} at {@code dstOffset}. */
  public void copyImage(int i, float[] dst, int dstOffset) {
    int s = shape.size();
    System.arraycopy(images, i * s, dst, dstOffset, s);
  }

  /** The backing array, for read-only use inside this package (avoids a ~190 MB copy). */
  float[] images() {
    return images;
  }

  public float[] imagesCopy() {
    return images.clone();
  }

  public int[] labelsCopy() {
    return labels.clone();
  }

  /** How many images each class has. */
  public int[] classCounts() {
    int[] counts = new int[numClasses];
    for (int l : labels) {
      counts[l]++;
    }
    return counts;
  }

  /** The same images under another name. */
  public ImageDataset renamed(String newName) {
    return new ImageDataset(newName, shape, numClasses, images, labels);
  }

  /** The first {@code min(n, size())} images (the reader's order). */
  public ImageDataset limit(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("limit = " + n + ": must be >= 0");
    }
    return n >= size() ? this : range(0, n);
  }

  /** Images {@code from} (inclusive) to {@code to} (exclusive). */
  public ImageDataset range(int from, int to) {
    if (from < 0 || to > size() || from > to) {
      throw new IllegalArgumentException(
          "range [" + from + ", " + to + "): must lie within [0, " + size() + "]");
    }
    int s = shape.size();
    return new ImageDataset(
        name,
        shape,
        numClasses,
        Arrays.copyOfRange(images, from * s, to * s),
        Arrays.copyOfRange(labels, from, to));
  }

  /** The images at the given indices, in that order (indices may repeat). */
  public ImageDataset select(int[] indices) {
    Batch b = batch(indices, 0, indices.length);
    return new ImageDataset(name, shape, numClasses, b.x(), b.y());
  }

  /** Partition {@code part} of {@code parts}: see {@link Partitions} (strided, disjoint). */
  public ImageDataset partition(int part, int parts) {
    return select(Partitions.indices(size(), part, parts));
  }

  /** A fresh batch of the images at {@code indices[from..to)}. */
  public Batch batch(int[] indices, int from, int to) {
    int n = to - from;
    int s = shape.size();
    float[] x = new float[n * s];
    int[] y = new int[n];
    for (int k = 0; k < n; k++) {
      int i = indices[from + k];
      if (i < 0 || i >= size()) {
        throw new IllegalArgumentException(
            "index " + i + " in dataset " + name + ": must be in [0, " + size() + ")");
      }
      System.arraycopy(images, i * s, x, k * s, s);
      y[k] = labels[i];
    }
    return new Batch(x, y, n, shape);
  }

  /**
   * Batches in a seeded shuffled order: the order depends only on (seed, epoch), see {@link
   * Batches#permutation}.
   */
  public Iterator<Batch> batches(int batchSize, boolean dropLast, long seed, int epoch) {
    return Batches.iterate(this, Batches.permutation(size(), seed, epoch), batchSize, dropLast);
  }

  /** Batches in the dataset's own order (for evaluation). */
  public Iterator<Batch> batchesInOrder(int batchSize, boolean dropLast) {
    return Batches.iterate(this, Batches.identity(size()), batchSize, dropLast);
  }

  /**
   * Zero-pads every image to {@code size x size}, centred (an odd difference puts the extra row or
   * column at the bottom or right). Pads with 0 in the dataset's current value space: call it
   * before {@link #normalized} to match torchvision's {@code Pad} before {@code Normalize}.
   */
  public ImageDataset padTo(int size) {
    int h = shape.height();
    int w = shape.width();
    if (size < h || size < w) {
      throw new IllegalArgumentException(
          "padTo(" + size + ") on " + shape + " images: must be >= height and width");
    }
    if (size == h && size == w) {
      return this;
    }
    ImageShape out = new ImageShape(shape.channels(), size, size);
    int top = (size - h) / 2;
    int left = (size - w) / 2;
    float[] dst = new float[size() * out.size()];
    int planes = size() * shape.channels();
    for (int p = 0; p < planes; p++) {
      for (int y = 0; y < h; y++) {
        System.arraycopy(
            images,
            p * shape.planeSize() + y * w,
            dst,
            p * out.planeSize() + (y + top) * size + left,
            w);
      }
    }
    return new ImageDataset(name, out, numClasses, dst, labels);
  }

  /** The images normalized per channel: (x - mean[c]) / std[c]. */
  public ImageDataset normalized(Normalization norm) {
    float[] x = images.clone();
    norm.applyInPlace(x, size(), shape);
    return new ImageDataset(name, shape, numClasses, x, labels);
  }

  @Override
  public String toString() {
    return name + "[" + size() + " x " + shape + ", " + numClasses + " classes]";
  }
}
