package io.nash.data;

import io.nash.space.ImageShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader for the CIFAR-10 binary version: {@code data_batch_1.bin .. data_batch_5.bin} (train) and
 * {@code test_batch.bin}, each a sequence of 3073-byte records (1 label byte in [0,10), then 3072
 * pixel bytes: the 32x32 red plane, green plane, blue plane, i.e. CHW). Any number of records per
 * file is accepted (the real files hold 10000). Stateless and thread-safe.
 */
final class Cifar10Reader {
  private Cifar10Reader() {}

  public static final int NUM_CLASSES = 10;
  public static final ImageShape SHAPE = new ImageShape(3, 32, 32);
  public static final int RECORD_BYTES = 1 + 3 * 32 * 32;

  public static final List<String> TRAIN_FILES =
      List.of(
          "data_batch_1.bin",
          "data_batch_2.bin",
          "data_batch_3.bin",
          "data_batch_4.bin",
          "data_batch_5.bin");
  public static final String TEST_FILE = "test_batch.bin";

  /**
   * Reads a CIFAR-10 directory: {@code dir} itself or its {@code cifar-10-batches-bin} subfolder
   * (the archive's layout) holding the six batch files.
   */
  public static DataSplits readDir(Path dir) {
    Path sub = dir.resolve("cifar-10-batches-bin");
    Path base = Files.isDirectory(sub) ? sub : dir;
    List<String> missing = new ArrayList<>();
    for (String n : TRAIN_FILES) {
      if (!Files.isRegularFile(base.resolve(n))) {
        missing.add(n);
      }
    }
    if (!Files.isRegularFile(base.resolve(TEST_FILE))) {
      missing.add(TEST_FILE);
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "cifar10 directory " + base + ": missing " + missing + " (CIFAR-10 binary version)");
    }
    List<Path> train = TRAIN_FILES.stream().map(base::resolve).toList();
    return new DataSplits(
        read(train, "cifar10-train"), read(List.of(base.resolve(TEST_FILE)), "cifar10-test"));
  }

  /** Reads and concatenates the given batch files, in order. */
  public static ImageDataset read(List<Path> files, String name) {
    List<byte[]> contents = new ArrayList<>();
    long records = 0;
    for (Path f : files) {
      byte[] b = DataFiles.readMaybeGzip(f);
      if (b.length % RECORD_BYTES != 0) {
        throw new MalformedDataException(
            f,
            "short read: "
                + b.length
                + " bytes is not a whole number of "
                + RECORD_BYTES
                + "-byte records (1 label + 3072 pixels); "
                + b.length % RECORD_BYTES
                + " bytes left over (truncated?)");
      }
      contents.add(b);
      records += b.length / RECORD_BYTES;
    }
    if (records * SHAPE.size() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + ": " + records + " records do not fit one array");
    }
    int n = (int) records;
    float[] x = new float[n * SHAPE.size()];
    int[] y = new int[n];
    float[] unit = DataFiles.UNIT;
    int i = 0;
    for (int f = 0; f < files.size(); f++) {
      byte[] b = contents.get(f);
      for (int r = 0; r < b.length / RECORD_BYTES; r++, i++) {
        int off = r * RECORD_BYTES;
        int label = b[off] & 0xff;
        if (label >= NUM_CLASSES) {
          throw new MalformedDataException(
              files.get(f),
              "label " + label + " of record " + r + " out of range [0, " + NUM_CLASSES + ")");
        }
        y[i] = label;
        int dst = i * SHAPE.size();
        for (int k = 0; k < SHAPE.size(); k++) {
          x[dst + k] = unit[b[off + 1 + k] & 0xff];
        }
      }
    }
    return ImageDataset.wrap(name, SHAPE, NUM_CLASSES, x, y);
  }
}
