package io.nash.store;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Removes credentials from settings maps before they are logged, printed or stored (for example in
 * a run's config.json provenance). A key is secret if, lower-cased, it contains "secret",
 * "access.key", "access-key", "session.token", "password", "credential" or "token". Stateless and
 * thread-safe.
 */
public final class Redaction {
  private Redaction() {}

  private static final String[] SECRET_PARTS = {
    "secret",
    "access.key",
    "access-key",
    "accesskey",
    "session.token",
    "password",
    "credential",
    "token",
    "encryption.key"
  };

  /** True if the key names a credential. */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    for (String part : SECRET_PARTS) {
      if (k.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** A sorted, unmodifiable copy without secret keys. */
  public static Map<String, String> redact(Map<String, String> settings) {
    Map<String, String> out = new TreeMap<>();
    settings.forEach(
        (k, v) -> {
          if (!isSecret(k)) {
            out.put(k, v);
          }
        });
    return Collections.unmodifiableMap(out);
  }

  /** The map as text with secret values shown as "***" (for toString and log lines). */
  public static String describe(Map<String, String> settings) {
    Map<String, String> out = new TreeMap<>();
    settings.forEach((k, v) -> out.put(k, isSecret(k) ? "***" : v));
    return out.toString();
  }
}
