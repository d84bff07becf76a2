package io.nash.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small data generators for the data tests: IDX and CIFAR-10 files written by the tests. */
final class TestData {
  private TestData() {}

  /** IDX3 bytes: count images of rows x cols, pixel of image i at k = (i*7 + k) % 256. */
  static byte[] idxImages(int count, int rows, int cols) {
    ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
    b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
    for (int i = 0; i < count; i++) {
      for (int k = 0; k < rows * cols; k++) {
        b.put((byte) pixel(i, k));
      }
    }
    return b.array();
  }

  static int pixel(int image, int k) {
    return (image * 7 + k) % 256;
  }

  static byte[] idxLabels(int... labels) {
    ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
    b.putInt(IdxReader.LABELS_MAGIC).putInt(labels.length);
    for (int l : labels) {
      b.put((byte) l);
    }
    return b.array();
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  static Path write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  /** CIFAR-10 records with the given labels; pixel k of record r is (r*3 + k) % 256. */
  static byte[] cifarRecords(int... labels) {
    byte[] b = new byte[labels.length * Cifar10Reader.RECORD_BYTES];
    for (int r = 0; r < labels.length; r++) {
      int off = r * Cifar10Reader.RECORD_BYTES;
      b[off] = (byte) labels[r];
      for (int k = 0; k < 3072; k++) {
        b[off + 1 + k] = (byte) ((r * 3 + k) % 256);
      }
    }
    return b;
  }

  /** Writes a full MNIST-style directory: 6 train (labels i % 10) and 4 test images, 3x2. */
  static void writeMnistDir(Path dir, boolean gz) throws IOException {
    String ext = gz ? ".gz" : "";
    write(dir.resolve("train-images-idx3-ubyte" + ext), maybeGzip(idxImages(6, 3, 2), gz));
    write(dir.resolve("train-labels-idx1-ubyte" + ext), maybeGzip(idxLabels(0, 1, 2, 3, 4, 9), gz));
    write(dir.resolve("t10k-images-idx3-ubyte" + ext), maybeGzip(idxImages(4, 3, 2), gz));
    write(dir.resolve("t10k-labels-idx1-ubyte" + ext), maybeGzip(idxLabels(5, 6, 7, 8), gz));
  }

  private static byte[] maybeGzip(byte[] raw, boolean gz) throws IOException {
    return gz ? gzip(raw) : raw;
  }
}
