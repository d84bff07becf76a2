package io.nash.store;

import java.io.Serializable;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a store lives and the Hadoop settings to reach it: the small value that travels from the
 * driver to executors, where {@link #open()} builds the {@link Store}. A plain final class (not a
 * record) so Spark's Kryo and Java serialization both handle it. Immutable and thread-safe.
 *
 * <p>The settings may hold credentials (fs.s3a.secret.key ...); {@link #toString()} hides them and
 * {@link #redactedSettings()} drops them, so neither reaches a log or a stored file.
 */
public final class StoreSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String uri;
  private final TreeMap<String, String> settings;

  /**
   * @param uri store root: file:///..., s3a://bucket/prefix, hdfs://..., or a plain local path
   * @param settings Hadoop settings (fs.s3a.endpoint, ...) plus nash.store.* options
   * @throws IllegalArgumentException if the URI is unusable or carries user info
   */
  public StoreSpec(String uri, Map<String, String> settings) {
    this.uri = normalize(uri);
    this.settings = new TreeMap<>(settings == null ? Map.of() : settings);
  }

  static String normalize(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("store URI = '" + uri + "': must be non-blank");
    }
    URI u;
    try {
      u = URI.create(uri.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "store URI: not a valid URI (" + e.getMessage() + "); use file://, s3a:// or hdfs://");
    }
    if (u.getRawUserInfo() != null) {
      // Never echo the URI: the user info may be a key pair.
      throw new IllegalArgumentException(
          "store URI holds user info: put credentials in fs.s3a.* settings or the environment");
    }
    if (u.getScheme() == null) {
      return java.nio.file.Path.of(uri.trim()).toAbsolutePath().normalize().toUri().toString();
    }
    if ("file".equals(u.getScheme()) && u.isOpaque()) {
      // file:./nash-store or file:relative: relative to the working folder
      return java.nio.file.Path.of(u.getSchemeSpecificPart())
          .toAbsolutePath()
          .normalize()
          .toUri()
          .toString();
    }
    String s = u.toString();
    return s.endsWith("/") && s.length() > u.getScheme().length() + 3
        ? s.substring(0, s.length() - 1)
        : s;
  }

  public String uri() {
    return uri;
  }

  /** All settings, credentials included: for building a Hadoop Configuration only. */
  public Map<String, String> settings() {
    return Collections.unmodifiableMap(settings);
  }

  /** Settings without credentials: safe to log or store. */
  public Map<String, String> redactedSettings() {
    return Redaction.redact(settings);
  }

  public Store open() {
    return new Store(this, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoreSpec s && s.uri.equals(uri) && s.settings.equals(settings);
  }

  @Override
  public int hashCode() {
    return uri.hashCode() * 31 + settings.hashCode();
  }

  @Override
  public String toString() {
    return "StoreSpec[" + uri + ", " + Redaction.describe(settings) + "]";
  }
}
