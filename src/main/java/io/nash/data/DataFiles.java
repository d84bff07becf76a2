package io.nash.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Whole-file reads shared by the readers: bulk, with gzip detected by its magic bytes. */
final class DataFiles {
  private DataFiles() {}

  /** {@code b & 0xff} divided by 255, for every byte value: pixel bytes to [0,1] floats. */
  static final float[] UNIT = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      UNIT[i] = i / 255f;
    }
  }

  /**
   * The file's bytes, gunzipped if it starts with the gzip magic 1f 8b (whatever its name).
   *
   * @throws MalformedDataException for a missing file or a truncated/corrupt gzip stream
   * @throws UncheckedIOException for other I/O failures, naming the file
   */
  static byte[] readMaybeGzip(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new MalformedDataException(file, "no such file");
    }
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) {
      return raw;
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
      return in.readAllBytes();
    } catch (EOFException e) {
      throw new MalformedDataException(file, "truncated gzip stream (" + e.getMessage() + ")", e);
    } catch (ZipException e) {
      throw new MalformedDataException(file, "corrupt gzip data (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot gunzip " + file + ": " + e.getMessage(), e);
    }
  }

  /** Big-endian int at {@code off}. */
  static int int32(byte[] b, int off) {
    return ((b[off] & 0xff) << 24)
        | ((b[off + 1] & 0xff) << 16)
        | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }

  /** The first existing of {@code dir/name.gz} and {@code dir/name}, or null. */
  static Path gzOrRaw(Path dir, String name) {
    Path gz = dir.resolve(name + ".gz");
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    Path raw = dir.resolve(name);
    return Files.isRegularFile(raw) ? raw : null;
  }
}
