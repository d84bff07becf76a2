package io.nash.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's object store: one API over any Hadoop FileSystem (file://, s3a://, hdfs://),
 * addressed by paths relative to the store root ("runs/r1/config.json"). See architecture.md for
 * the layout ({@link RunLayout}) and {@link UnitCommitter} for directory commits.
 *
 * <p>Commit rules. On filesystems with atomic rename an object is written under a temporary name
 * ("_tmp.*") and renamed into place. On object stores (s3a, gs, ...; or when {@code
 * nash.store.atomic-rename=false}) an object becomes visible only when its single PUT completes, so
 * objects are written directly; multi-file units carry a marker written last. Names starting with
 * "_tmp." are never listed. Readers skip corrupt or uncommitted data and report each skip through
 * the warning sink (slf4j WARN by default), naming the object.
 *
 * <p>Thread-safe (Hadoop FileSystem instances are); owns its FileSystem instance, so close it.
 */
public final class Store implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Store.class);
  static final String TMP_PREFIX = "_tmp.";
  static final Set<String> OBJECT_STORE_SCHEMES =
      Set.of("s3a", "s3", "s3n", "gs", "oss", "cosn", "obs", "wasb", "wasbs");

  /** Setting that overrides whether rename is treated as atomic. */
  public static final String ATOMIC_RENAME = "nash.store.atomic-rename";

  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private final StoreSpec spec;
  private final FileSystem fs;
  private final Path root;
  private final boolean atomicRename;
  private final Consumer<String> warnings;

  Store(StoreSpec spec, Consumer<String> warnings) {
    this.spec = spec;
    this.warnings = warnings;
    Configuration conf = new Configuration();
    spec.settings().forEach(conf::set);
    URI uri = URI.create(spec.uri());
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String override = spec.settings().get(ATOMIC_RENAME);
    if (override != null && !override.equals("true") && !override.equals("false")) {
      throw new IllegalArgumentException(
          ATOMIC_RENAME + " = " + override + ": must be true or false");
    }
    this.atomicRename =
        override != null ? Boolean.parseBoolean(override) : !OBJECT_STORE_SCHEMES.contains(scheme);
    FileSystem opened = null;
    try {
      if (scheme.equals("file") && !spec.settings().containsKey("fs.file.impl")) {
        // Plain local files: no .crc side files next to every object. (Not via fs.file.impl:
        // S3A buffers through FileSystem.getLocal, which must stay a LocalFileSystem.) A store
        // whose own settings name fs.file.impl gets that implementation.
        FileSystem raw = new org.apache.hadoop.fs.RawLocalFileSystem();
        raw.initialize(uri, conf);
        opened = raw;
      } else {
        opened = FileSystem.newInstance(uri, conf);
      }
      probe(opened, new Path(uri));
    } catch (IOException | RuntimeException e) {
      closeQuietly(opened);
      throw StoreException.opening(spec, e);
    }
    this.fs = opened;
    this.root = new Path(uri);
  }

  /**
   * One metadata call on the root, so that credentials, bucket, endpoint and namenode problems fail
   * here, as one {@link StoreException}, instead of in the middle of a stage (S3A and HDFS connect
   * lazily). A root that does not exist yet is fine.
   */
  private static void probe(FileSystem fs, Path root) throws IOException {
    try {
      fs.getFileStatus(root);
    } catch (FileNotFoundException e) {
      // a new store
    }
  }

  private static void closeQuietly(FileSystem fs) {
    if (fs == null) {
      return;
    }
    try {
      fs.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing a store that failed to open", e);
    }
  }

  /** Opens a store; {@code settings} are Hadoop settings (credentials allowed, never logged). */
  public static Store open(String uri, java.util.Map<String, String> settings) {
    return new StoreSpec(uri, settings).open();
  }

  /** Like {@link #open} but also sends every skip warning to {@code warnings} (tests, CLI). */
  public static Store open(StoreSpec spec, Consumer<String> warnings) {
    return new Store(spec, warnings);
  }

  public StoreSpec spec() {
    return spec;
  }

  public boolean atomicRename() {
    return atomicRename;
  }

  /** The absolute URI of a store-relative path (for links and messages). */
  public String uriOf(String rel) {
    return path(rel).toString();
  }

  Path path(String rel) {
    if (rel.isEmpty()) {
      return root;
    }
    if (rel.startsWith("/") || rel.contains("..")) {
      throw new IllegalArgumentException(
          "store path = '" + rel + "': must be relative, without ..");
    }
    return new Path(root, rel);
  }

  FileSystem fs() {
    return fs;
  }

  /** Reports a skipped object: to the sink if any, and always to the log. */
  void warn(String message) {
    LOG.warn(message);
    if (warnings != null) {
      warnings.accept(message);
    }
  }

  // ---- single objects ----

  /** Writes or replaces an object atomically (readers see the old or the new bytes, whole). */
  public void put(String rel, byte[] bytes) {
    write(path(rel), bytes, true);
  }

  /**
   * Writes an object that must not exist yet (write-once keys such as versioned fronts).
   *
   * @throws IllegalStateException if it already exists
   */
  public void putNew(String rel, byte[] bytes) {
    write(path(rel), bytes, false);
  }

  void write(Path dst, byte[] bytes, boolean overwrite) {
    try {
      if (!overwrite && fs.exists(dst)) {
        throw new IllegalStateException("store object " + dst + " already exists (write-once)");
      }
      if (!atomicRename) {
        // S3: the object appears only when the PUT completes, so no temp name is needed.
        try (OutputStream out = fs.create(dst, overwrite)) {
          out.write(bytes);
        }
        return;
      }
      Path tmp = new Path(dst.getParent(), TMP_PREFIX + dst.getName() + "." + UUID.randomUUID());
      try (OutputStream out = fs.create(tmp, false)) {
        out.write(bytes);
      }
      if (!fs.rename(tmp, dst)) {
        // HDFS refuses to rename onto an existing file; local rename replaces atomically.
        if (!overwrite) {
          fs.delete(tmp, false);
          throw new IllegalStateException("store object " + dst + " already exists (write-once)");
        }
        fs.delete(dst, false);
        if (!fs.rename(tmp, dst)) {
          fs.delete(tmp, false);
          throw new IOException("rename " + tmp + " -> " + dst + " failed");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dst, e);
    }
  }

  /** The object's bytes, or empty if it does not exist. */
  public Optional<byte[]> get(String rel) {
    return read(path(rel));
  }

  Optional<byte[]> read(Path p) {
    for (int attempt = 1; ; attempt++) {
      try (InputStream in = fs.open(p)) {
        return Optional.of(in.readAllBytes());
      } catch (FileNotFoundException e) {
        return Optional.empty();
      } catch (org.apache.hadoop.fs.s3a.RemoteFileChangedException e) {
        // S3: a writer replaced the object between open and read (a view being rewritten); the
        // next read gets the new object whole
        if (attempt == 3) {
          throw new UncheckedIOException("cannot read " + p + " (changed while read 3 times)", e);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + p, e);
      }
    }
  }

  public boolean exists(String rel) {
    try {
      return fs.exists(path(rel));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + uriOf(rel), e);
    }
  }

  /** Names of the entries directly under a folder (sorted; temp names hidden; empty if absent). */
  public List<String> list(String relDir) {
    List<String> out = new ArrayList<>();
    try {
      for (FileStatus s : fs.listStatus(path(relDir))) {
        String name = s.getPath().getName();
        if (!name.startsWith(TMP_PREFIX)) {
          out.add(name);
        }
      }
    } catch (FileNotFoundException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + uriOf(relDir), e);
    }
    out.sort(null);
    return out;
  }

  /** Deletes a path recursively (used by tests and cleanup; never by readers). */
  public void delete(String rel) {
    try {
      fs.delete(path(rel), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + uriOf(rel), e);
    }
  }

  // ---- JSON ----

  public static byte[] toJson(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot encode " + value.getClass().getName() + " as JSON", e);
    }
  }

  public void putJson(String rel, Object value) {
    put(rel, toJson(value));
  }

  /**
   * Reads a JSON object; empty if absent, and empty with a warning naming the object if it does not
   * parse as {@code type} (a corrupt object is never returned).
   */
  public <T> Optional<T> getJson(String rel, Class<T> type) {
    return get(rel).flatMap(b -> parse(uriOf(rel), b, type));
  }

  <T> Optional<T> parse(String where, byte[] bytes, Class<T> type) {
    try {
      return Optional.of(JSON.readValue(bytes, type));
    } catch (IOException | RuntimeException e) {
      warn(
          "skipping corrupt object "
              + where
              + ": "
              + e.getClass().getSimpleName()
              + " "
              + firstLine(e));
      return Optional.empty();
    }
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  @Override
  public void close() {
    try {
      fs.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close store " + spec.uri(), e);
    }
  }

  @Override
  public String toString() {
    return "Store[" + spec.uri() + ", atomicRename=" + atomicRename + "]";
  }
}
