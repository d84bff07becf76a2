package io.nash.data;

import io.nash.space.ImageShape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader for the IDX files of MNIST and Fashion-MNIST: images {@code idx3-ubyte} (magic 0x00000803,
 * then count, rows, cols, then count*rows*cols pixel bytes) and labels {@code idx1-ubyte} (magic
 * 0x00000801, count, count label bytes), all big-endian, gzipped or raw (detected by the gzip
 * magic). Stateless and thread-safe.
 *
 * <p>Files are read whole and converted with a lookup table: 60k 28x28 images take well under a
 * second.
 */
final class IdxReader {
  private IdxReader() {}

  public static final int IMAGES_MAGIC = 0x00000803;
  public static final int LABELS_MAGIC = 0x00000801;

  /** The four file names of an MNIST-style directory (each may also end in ".gz"). */
  public static final List<String> FILE_NAMES =
      List.of(
          "train-images-idx3-ubyte",
          "train-labels-idx1-ubyte",
          "t10k-images-idx3-ubyte",
          "t10k-labels-idx1-ubyte");

  /** Images read from an idx3 file: pixels scaled to [0,1], one channel. */
  public record Images(int count, int rows, int cols, float[] pixels) {}

  /** Reads an idx3-ubyte image file. */
  public static Images readImages(Path file) {
    byte[] b = DataFiles.readMaybeGzip(file);
    int[] dims = header(file, b, IMAGES_MAGIC, "images, unsigned bytes, 3 dimensions");
    int count = dims[0];
    int rows = dims[1];
    int cols = dims[2];
    if (rows < 1 || cols < 1) {
      throw new MalformedDataException(
          file, "bad header: count " + count + ", rows " + rows + ", cols " + cols);
    }
    long expected = (long) count * rows * cols;
    checkLength(file, b.length - 16, expected, count + " images of " + rows + "x" + cols);
    float[] pixels = new float[(int) expected];
    float[] unit = DataFiles.UNIT;
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = unit[b[16 + i] & 0xff];
    }
    return new Images(count, rows, cols, pixels);
  }

  /** Reads an idx1-ubyte label file; every label must be in [0, numClasses). */
  public static int[] readLabels(Path file, int numClasses) {
    byte[] b = DataFiles.readMaybeGzip(file);
    int count = header(file, b, LABELS_MAGIC, "labels, unsigned bytes, 1 dimension")[0];
    checkLength(file, b.length - 8, count, count + " labels");
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      int l = b[8 + i] & 0xff;
      if (l >= numClasses) {
        throw new MalformedDataException(
            file, "label " + l + " at index " + i + " out of range [0, " + numClasses + ")");
      }
      labels[i] = l;
    }
    return labels;
  }

  /** Reads an images file and its labels file into one dataset. */
  public static ImageDataset read(Path images, Path labels, int numClasses, String name) {
    Images im = readImages(images);
    int[] l = readLabels(labels, numClasses);
    if (l.length != im.count()) {
      throw new MalformedDataException(
          labels,
          "label count mismatch: "
              + l.length
              + " labels for "
              + im.count()
              + " images in "
              + images);
    }
    return ImageDataset.wrap(
        name, new ImageShape(1, im.rows(), im.cols()), numClasses, im.pixels(), l);
  }

  /** The {@link #FILE_NAMES} missing from {@code dir} (neither raw nor ".gz"). */
  public static List<String> missingFiles(Path dir) {
    List<String> missing = new ArrayList<>();
    for (String n : FILE_NAMES) {
      if (DataFiles.gzOrRaw(dir, n) == null) {
        missing.add(n);
      }
    }
    return missing;
  }

  /**
   * Reads an MNIST-style directory (the four {@link #FILE_NAMES}, each gzipped or raw; ".gz" wins
   * when both exist) with 10 classes. Splits are named {@code name-train}, {@code name-test}.
   */
  public static DataSplits readDir(Path dir, String name) {
    List<String> missing = missingFiles(dir);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          name + " directory " + dir + ": missing " + missing + " (raw or .gz)");
    }
    return new DataSplits(readPair(dir, 0, name + "-train"), readPair(dir, 2, name + "-test"));
  }

  /** Reads the images file {@code FILE_NAMES[first]} with the labels file that follows it. */
  private static ImageDataset readPair(Path dir, int first, String name) {
    return read(
        DataFiles.gzOrRaw(dir, FILE_NAMES.get(first)),
        DataFiles.gzOrRaw(dir, FILE_NAMES.get(first + 1)),
        10,
        name);
  }

  /**
   * Checks the magic number (whose low byte is the number of dimensions) and returns the dimension
   * sizes that follow it; the first (the item count) must be >= 0.
   */
  private static int[] header(Path file, byte[] b, int magic, String what) {
    if (b.length < 4) {
      throw new MalformedDataException(
          file, "short read: " + b.length + " bytes, not even an IDX magic number");
    }
    int m = DataFiles.int32(b, 0);
    if (m != magic) {
      throw new MalformedDataException(
          file, String.format("bad magic 0x%08x, expected 0x%08x (IDX %s)", m, magic, what));
    }
    int ndims = magic & 0xff;
    int headerBytes = 4 + 4 * ndims;
    if (b.length < headerBytes) {
      throw new MalformedDataException(
          file,
          "short read: the idx"
              + ndims
              + " header needs "
              + headerBytes
              + " bytes, file has "
              + b.length);
    }
    int[] dims = new int[ndims];
    for (int d = 0; d < ndims; d++) {
      dims[d] = DataFiles.int32(b, 4 + 4 * d);
    }
    if (dims[0] < 0) {
      throw new MalformedDataException(file, "bad header: count " + dims[0]);
    }
    return dims;
  }

  private static void checkLength(Path file, long have, long expected, String what) {
    if (have < expected) {
      throw new MalformedDataException(
          file,
          "short read: header says "
              + what
              + " = "
              + expected
              + " data bytes, file has "
              + have
              + " (truncated?)");
    }
    if (have > expected) {
      throw new MalformedDataException(
          file,
          "wrong count: header says "
              + what
              + " = "
              + expected
              + " data bytes, file has "
              + have
              + " ("
              + (have - expected)
              + " extra)");
    }
  }
}
