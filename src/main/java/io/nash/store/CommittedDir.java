package io.nash.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A committed directory unit (checkpoint, per-candidate hardware result): its marker, read from
 * {@code <dir>/_COMMITTED}, and checked access to its files. Immutable and thread-safe.
 *
 * @param dir store-relative folder of the unit
 * @param marker the commit marker
 */
public record CommittedDir(Store store, String dir, Marker marker) {

  /** Name of the marker object; written last, its presence is the commit. */
  public static final String MARKER = "_COMMITTED";

  /**
   * The commit marker: the files of the unit with sizes and SHA-256, and where they live ({@code
   * prefix} is "" when the unit was renamed into place, or "<commitId>/" on object stores, where
   * every attempt writes under its own keys).
   */
  public record Marker(
      @JsonProperty("schema") int schema,
      @JsonProperty("commitId") String commitId,
      @JsonProperty("prefix") String prefix,
      @JsonProperty("committedAt") String committedAt,
      @JsonProperty("files") Map<String, FileEntry> files) {
    public Marker {
      if (schema != 1 || commitId == null || prefix == null || files == null) {
        throw new IllegalArgumentException("commit marker: need schema 1, commitId, prefix, files");
      }
      files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }
  }

  /** Size and SHA-256 (hex) of one file of a unit. */
  public record FileEntry(@JsonProperty("size") long size, @JsonProperty("sha256") String sha256) {}

  public java.util.Set<String> names() {
    return marker.files().keySet();
  }

  /** Store-relative path of a file of the unit (for links, or for Spark/Hadoop readers). */
  public String pathOf(String name) {
    if (!marker.files().containsKey(name)) {
      throw new IllegalArgumentException(
          "unit " + dir + " has no file '" + name + "'; it has " + marker.files().keySet());
    }
    return dir + "/" + marker.prefix() + name;
  }

  /**
   * The file's bytes after checking size and SHA-256 against the marker; empty, with a warning
   * naming the object, if it is missing or differs.
   */
  public Optional<byte[]> read(String name) {
    String rel = pathOf(name);
    Optional<byte[]> b = store.get(rel);
    if (b.isEmpty()) {
      store.warn("skipping " + store.uriOf(rel) + ": listed in the commit marker but missing");
      return Optional.empty();
    }
    FileEntry want = marker.files().get(name);
    if (b.get().length != want.size() || !sha256(b.get()).equals(want.sha256())) {
      store.warn(
          "skipping corrupt object "
              + store.uriOf(rel)
              + ": size or SHA-256 differs from the commit marker");
      return Optional.empty();
    }
    return b;
  }

  /** Reads and parses a JSON file of the unit; empty with a warning if missing or corrupt. */
  public <T> Optional<T> readJson(String name, Class<T> type) {
    return read(name).flatMap(b -> store.parse(store.uriOf(pathOf(name)), b, type));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JVM", e);
    }
  }
}
