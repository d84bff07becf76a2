package io.nash.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;

/**
 * Commits a directory unit (a checkpoint round, a candidate's hardware result with its FINN files)
 * so readers see all of it or nothing. Stateless and thread-safe.
 *
 * <p>With atomic rename: the files and the marker go to {@code <parent>/_tmp.<name>.<uuid>/}, which
 * is then renamed to {@code <dir>}. On object stores: each attempt writes its files under its own
 * keys {@code <dir>/<commitId>/<name>} and then the marker {@code <dir>/_COMMITTED} (one PUT, so
 * atomic); if two attempts race, the last marker wins and points to a complete set. Either way a
 * unit is committed exactly when its marker exists and parses, and a second commit of a committed
 * unit does nothing (idempotent reruns).
 */
public final class UnitCommitter {
  private UnitCommitter() {}

  /** What a commit did. */
  public enum Outcome {
    COMMITTED,
    ALREADY_COMMITTED
  }

  /**
   * Commits {@code files} (name -> bytes; names may contain "/" for sub-folders) as unit {@code
   * dir}, unless the unit is already committed.
   */
  public static Outcome commit(Store store, String dir, Map<String, byte[]> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("unit " + dir + ": needs at least one file");
    }
    Map<String, CommittedDir.FileEntry> entries = new LinkedHashMap<>();
    files.forEach(
        (name, bytes) -> {
          if (name.isBlank()
              || name.startsWith("/")
              || name.contains("..")
              || name.equals(CommittedDir.MARKER)
              || name.startsWith(Store.TMP_PREFIX)) {
            throw new IllegalArgumentException(
                "unit "
                    + dir
                    + " file name = '"
                    + name
                    + "': must be relative, not _COMMITTED or _tmp.*");
          }
          entries.put(name, new CommittedDir.FileEntry(bytes.length, CommittedDir.sha256(bytes)));
        });
    if (isCommitted(store, dir)) {
      return Outcome.ALREADY_COMMITTED;
    }
    String commitId = UUID.randomUUID().toString();
    Path target = store.path(dir);
    String prefix = store.atomicRename() ? "" : commitId + "/";
    CommittedDir.Marker marker =
        new CommittedDir.Marker(1, commitId, prefix, Instant.now().toString(), entries);
    try {
      if (!store.atomicRename()) {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
          writeRaw(store, new Path(target, prefix + f.getKey()), f.getValue());
        }
        writeRaw(store, new Path(target, CommittedDir.MARKER), Store.toJson(marker));
        return Outcome.COMMITTED;
      }
      Path tmp = new Path(target.getParent(), Store.TMP_PREFIX + target.getName() + "." + commitId);
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        writeRaw(store, new Path(tmp, f.getKey()), f.getValue());
      }
      writeRaw(store, new Path(tmp, CommittedDir.MARKER), Store.toJson(marker));
      if (store.fs().exists(target)) {
        // A folder without a marker is debris of a foreign or failed writer: replace it.
        store.warn("replacing uncommitted folder " + target);
        store.fs().delete(target, true);
      }
      if (!store.fs().rename(tmp, target)) {
        store.fs().delete(tmp, true);
        if (isCommitted(store, dir)) {
          return Outcome.ALREADY_COMMITTED;
        }
        throw new IOException("rename " + tmp + " -> " + target + " failed");
      }
      Path nested = new Path(target, tmp.getName());
      if (store.fs().exists(nested)) {
        // Another writer created the folder between our check and rename; theirs stands.
        store.fs().delete(nested, true);
        return Outcome.ALREADY_COMMITTED;
      }
      return Outcome.COMMITTED;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit unit " + target, e);
    }
  }

  /** Commits every regular file under a local folder (e.g. a FINN build output) as one unit. */
  public static Outcome commitLocalDir(Store store, String dir, java.nio.file.Path local) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (Stream<java.nio.file.Path> walk = Files.walk(local)) {
      for (java.nio.file.Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        files.put(local.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read local folder " + local, e);
    }
    return commit(store, dir, files);
  }

  private static void writeRaw(Store store, Path p, byte[] bytes) throws IOException {
    try (OutputStream out = store.fs().create(p, true)) {
      out.write(bytes);
    }
  }

  /** True if the unit's marker exists (without validating it). */
  public static boolean isCommitted(Store store, String dir) {
    try {
      return store.fs().exists(new Path(store.path(dir), CommittedDir.MARKER));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + store.uriOf(dir), e);
    }
  }

  /**
   * The committed unit, or empty if it has no marker (uncommitted: silently invisible) or a corrupt
   * marker (empty with a warning naming it).
   */
  public static Optional<CommittedDir> open(Store store, String dir) {
    Optional<byte[]> m;
    try {
      m = store.get(dir + "/" + CommittedDir.MARKER);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof FileNotFoundException) {
        return Optional.empty();
      }
      throw e;
    }
    return m.flatMap(
            b ->
                store.parse(
                    store.uriOf(dir + "/" + CommittedDir.MARKER), b, CommittedDir.Marker.class))
        .map(marker -> new CommittedDir(store, dir, marker));
  }

  /** Committed units directly under a folder (e.g. all checkpoint rounds), by folder name. */
  public static List<CommittedDir> listCommitted(Store store, String parent) {
    return store.list(parent).stream()
        .map(name -> open(store, parent + "/" + name))
        .flatMap(Optional::stream)
        .toList();
  }
}
