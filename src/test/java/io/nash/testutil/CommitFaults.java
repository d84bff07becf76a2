package io.nash.testutil;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.fs.s3a.S3AFileSystem;
import org.apache.hadoop.util.Progressable;

/**
 * Interrupts commits the way a crash does: while armed, creating a commit marker ({@code
 * _COMMITTED}) fails, after the unit's data files were written. Plugged in as the Hadoop FileSystem
 * of a store through {@link #settings}: {@link Local} for {@code file:} stores, {@link S3A} for
 * {@code s3a://} ones. The counter is JVM-wide; tests disarm it with {@link #disarm}.
 */
public final class CommitFaults {
  private static final AtomicInteger MARKERS_TO_FAIL = new AtomicInteger();
  private static final AtomicInteger FAILED = new AtomicInteger();

  private CommitFaults() {}

  /** The next {@code n} marker writes fail. */
  public static void failNextMarkers(int n) {
    MARKERS_TO_FAIL.set(n);
  }

  public static void disarm() {
    MARKERS_TO_FAIL.set(0);
  }

  /** Marker writes failed so far. */
  public static int failed() {
    return FAILED.get();
  }

  /** The Hadoop setting that makes a store of {@code scheme} use the fault-injecting FileSystem. */
  public static java.util.Map<String, String> settings(String scheme) {
    return switch (scheme) {
      case "file" -> java.util.Map.of("fs.file.impl", Local.class.getName());
      case "s3a" -> java.util.Map.of("fs.s3a.impl", S3A.class.getName());
      default -> throw new IllegalArgumentException("no fault FileSystem for " + scheme);
    };
  }

  static void check(Path f) throws IOException {
    if (f.getName().equals("_COMMITTED")
        && MARKERS_TO_FAIL.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      FAILED.incrementAndGet();
      throw new IOException("injected fault: writer died before the commit marker " + f);
    }
  }

  /**
   * Local files with marker faults (FileSystem#create(Path, boolean), which the store calls,
   * reaches RawLocalFileSystem through this overload).
   */
  public static final class Local extends RawLocalFileSystem {
    @Override
    public FSDataOutputStream create(
        Path f,
        boolean overwrite,
        int bufferSize,
        short replication,
        long blockSize,
        Progressable progress)
        throws IOException {
      check(f);
      return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
    }
  }

  /** S3A with marker faults. */
  public static final class S3A extends S3AFileSystem {
    @Override
    public FSDataOutputStream create(
        Path f,
        FsPermission permission,
        boolean overwrite,
        int bufferSize,
        short replication,
        long blockSize,
        Progressable progress)
        throws IOException {
      check(f);
      return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }
  }
}
