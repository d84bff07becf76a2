package io.nash.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resolved, validated settings of one job. Precedence: CLI flag &gt; job file &gt; defaults
 * ({@link SettingsSchema}). Job files are YAML, nested ({@code nash: {search: {epochs: 3}}}) or
 * flat ({@code nash.search.epochs: 3}). Every value is checked by its {@link Setting} when loaded,
 * so a bad value fails before any Spark or DJL work starts. Immutable.
 */
public final class Settings {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, Object> values;

  private Settings(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** The defaults alone. */
  public static Settings defaults() {
    return load(List.of(), Map.of());
  }

  /**
   * Defaults, then each job file in order, then the overrides.
   *
   * @throws IllegalArgumentException for an unknown key or a bad value, naming both
   */
  public static Settings load(List<Path> jobFiles, Map<String, String> overrides) {
    Map<String, Object> v = new LinkedHashMap<>();
    for (Setting s : SettingsSchema.all()) {
      if (s.defaultValue() != null) {
        v.put(s.key(), s.defaultValue());
      }
    }
    for (Path f : jobFiles) {
      for (Map.Entry<String, String> e : readJobFile(f).entrySet()) {
        try {
          v.put(e.getKey(), SettingsSchema.get(e.getKey()).parse(e.getValue()));
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException(f + ": " + ex.getMessage(), ex);
        }
      }
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      v.put(e.getKey(), SettingsSchema.get(e.getKey()).parse(e.getValue()));
    }
    return checked(v);
  }

  /** Checks between settings that each key's own check cannot make. */
  private static Settings checked(Map<String, Object> v) {
    double warmup = ((Number) v.get("nash.search.warmup-epochs")).doubleValue();
    int epochs = ((Number) v.get("nash.search.epochs")).intValue();
    if (warmup >= epochs) {
      throw new IllegalArgumentException(
          "nash.search.warmup-epochs = "
              + warmup
              + ": must be below nash.search.epochs = "
              + epochs
              + " (the architecture steps start after the warm-up)");
    }
    String require = (String) v.get("nash.candidates.hw.require-target");
    if (!"off".equals(require) && "none".equals(v.get("nash.search.hw.device"))) {
      throw new IllegalArgumentException(
          "nash.candidates.hw.require-target = "
              + require
              + ": needs nash.search.hw.device (one of "
              + String.join(
                  ", ", SettingsSchema.HW_DEVICES.subList(1, SettingsSchema.HW_DEVICES.size()))
              + ")");
    }
    return new Settings(v);
  }

  /** A copy with more overrides applied (validated). */
  public Settings with(Map<String, String> overrides) {
    Map<String, Object> v = new LinkedHashMap<>(values);
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      v.put(e.getKey(), SettingsSchema.get(e.getKey()).parse(e.getValue()));
    }
    return checked(v);
  }

  /** Flattens a YAML job file to {@code key -> raw string}. */
  static Map<String, String> readJobFile(Path f) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(f));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "job file " + f + ": cannot read it as YAML: " + e.getMessage(), e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (root == null || root.isNull() || root.isMissingNode()) {
      return out;
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("job file " + f + ": must hold a mapping of settings");
    }
    flatten("", root, out);
    return out;
  }

  private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
    if (n.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (n.isArray()) {
      StringBuilder sb = new StringBuilder();
      n.forEach(x -> sb.append(sb.length() == 0 ? "" : ",").append(x.asText()));
      out.put(prefix, sb.toString());
    } else {
      out.put(prefix, n.isNull() ? null : n.asText());
    }
  }

  public boolean has(String key) {
    return values.containsKey(SettingsSchema.get(key).key());
  }

  private Object raw(String key) {
    SettingsSchema.get(key);
    Object o = values.get(key);
    if (o == null) {
      throw new IllegalStateException(key + " is not set and has no default");
    }
    return o;
  }

  public int getInt(String key) {
    return (Integer) raw(key);
  }

  public long getLong(String key) {
    return (Long) raw(key);
  }

  public double getDouble(String key) {
    return (Double) raw(key);
  }

  public boolean getBool(String key) {
    return (Boolean) raw(key);
  }

  public String getString(String key) {
    return (String) raw(key);
  }

  /** The value, or {@code fallback} when the setting is unset. */
  public String getString(String key, String fallback) {
    return has(key) ? getString(key) : fallback;
  }

  @SuppressWarnings("unchecked")
  public List<String> getList(String key) {
    return (List<String>) raw(key);
  }

  /** All resolved values as strings, sorted by key (for config.json provenance). */
  public Map<String, String> asStrings() {
    Map<String, String> m = new TreeMap<>();
    values.forEach(
        (k, v) ->
            m.put(
                k,
                v instanceof List<?> l
                    ? String.join(",", l.stream().map(String::valueOf).toList())
                    : String.valueOf(v)));
    return m;
  }

  @Override
  public String toString() {
    return "Settings" + asStrings();
  }
}
