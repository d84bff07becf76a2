package io.nash.search;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Image sources for search tests: the first images of Fashion-MNIST read straight from its IDX
 * files (the data package has the real reader; this keeps the search tests independent of it), and
 * a small synthetic set whose class is visible in the pixels.
 */
final class TestImages implements ImageSource {
  static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private final int channels;
  private final int size;
  private final int classes;
  private final float[] pixels;
  private final int[] labels;

  private TestImages(int channels, int size, int classes, float[] pixels, int[] labels) {
    this.channels = channels;
    this.size = size;
    this.classes = classes;
    this.pixels = pixels;
    this.labels = labels;
  }

  /** The first {@code n} training images, scaled to [0,1] and normalized (mean 0.286, sd 0.353). */
  static TestImages fashionMnist(int n) throws IOException {
    int[] labels = new int[n];
    float[] pixels = new float[n * 784];
    try (DataInputStream in = open(FASHION_MNIST.resolve("train-labels-idx1-ubyte.gz"))) {
      in.readInt();
      in.readInt();
      for (int i = 0; i < n; i++) {
        labels[i] = in.readUnsignedByte();
      }
    }
    try (DataInputStream in = open(FASHION_MNIST.resolve("train-images-idx3-ubyte.gz"))) {
      for (int i = 0; i < 4; i++) {
        in.readInt();
      }
      byte[] raw = new byte[n * 784];
      in.readFully(raw);
      for (int i = 0; i < raw.length; i++) {
        pixels[i] = ((raw[i] & 0xFF) / 255f - 0.2860f) / 0.3530f;
      }
    }
    return new TestImages(1, 28, 10, pixels, labels);
  }

  private static DataInputStream open(Path p) throws IOException {
    InputStream raw = Files.newInputStream(p);
    return new DataInputStream(new GZIPInputStream(raw, 1 << 16));
  }

  /** {@code n} noisy images whose class sets the mean of one horizontal band. */
  static TestImages synthetic(int n, int channels, int size, int classes, long seed) {
    Random r = new Random(seed);
    int px = channels * size * size;
    float[] pixels = new float[n * px];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(classes);
      for (int c = 0; c < channels; c++) {
        for (int y = 0; y < size; y++) {
          boolean band = y * classes / size == labels[i];
          for (int x = 0; x < size; x++) {
            pixels[i * px + (c * size + y) * size + x] =
                (float) (r.nextGaussian() * 0.5 + (band ? 1.5 : 0));
          }
        }
      }
    }
    return new TestImages(channels, size, classes, pixels, labels);
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public int channels() {
    return channels;
  }

  @Override
  public int height() {
    return size;
  }

  @Override
  public int width() {
    return size;
  }

  @Override
  public int classes() {
    return classes;
  }

  @Override
  public int label(int i) {
    return labels[i];
  }

  @Override
  public void copyImage(int i, float[] dst, int offset) {
    int px = channels * size * size;
    System.arraycopy(pixels, i * px, dst, offset, px);
  }
}
