package io.nash.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One documented, validated setting: a hierarchical hyphenated key ({@code nash.search.epochs}),
 * its kind, default, allowed range or choices and a description. {@link #parse} is the single place
 * where a raw value (from a job file or a CLI flag) is checked, so code and config loading validate
 * alike. Immutable and thread-safe.
 */
public final class Setting {
  /** Value kinds. */
  public enum Kind {
    INT,
    LONG,
    DOUBLE,
    BOOL,
    STRING,
    CHOICE,
    LIST
  }

  private final String key;
  private final Kind kind;
  private final Object defaultValue;
  private final double min;
  private final double max;
  private final boolean minExclusive;
  private final List<String> choices;
  private final String description;

  private Setting(
      String key,
      Kind kind,
      Object defaultValue,
      double min,
      double max,
      boolean minExclusive,
      List<String> choices,
      String description) {
    this.key = Objects.requireNonNull(key);
    this.kind = kind;
    this.min = min;
    this.max = max;
    this.minExclusive = minExclusive;
    this.choices = List.copyOf(choices);
    this.description = description;
    this.defaultValue = defaultValue == null ? null : parse(String.valueOf(defaultValue));
  }

  public static Setting intSetting(String key, int def, int min, int max, String description) {
    return new Setting(key, Kind.INT, def, min, max, false, List.of(), description);
  }

  public static Setting longSetting(String key, long def, String description) {
    return new Setting(
        key, Kind.LONG, def, Long.MIN_VALUE, Long.MAX_VALUE, false, List.of(), description);
  }

  public static Setting doubleSetting(
      String key, double def, double min, double max, String description) {
    return new Setting(key, Kind.DOUBLE, def, min, max, false, List.of(), description);
  }

  /** A number that must be above 0 (0 excluded) and at most {@code max}, e.g. a learning rate. */
  public static Setting positiveDoubleSetting(
      String key, double def, double max, String description) {
    return new Setting(key, Kind.DOUBLE, def, 0, max, true, List.of(), description);
  }

  public static Setting boolSetting(String key, boolean def, String description) {
    return new Setting(key, Kind.BOOL, def, 0, 1, false, List.of(), description);
  }

  /** A free string; {@code def} may be null (no default: unset unless given). */
  public static Setting stringSetting(String key, String def, String description) {
    return new Setting(key, Kind.STRING, def, 0, 0, false, List.of(), description);
  }

  public static Setting choiceSetting(
      String key, String def, List<String> choices, String description) {
    return new Setting(key, Kind.CHOICE, def, 0, 0, false, choices, description);
  }

  /** A comma-separated list whose every element must be one of {@code choices} (if non-empty). */
  public static Setting listSetting(
      String key, String def, List<String> choices, String description) {
    return new Setting(key, Kind.LIST, def, 0, 0, false, choices, description);
  }

  /**
   * Converts and checks a raw value.
   *
   * @throws IllegalArgumentException naming the key, the value and what is allowed
   */
  public Object parse(String raw) {
    if (raw == null) {
      throw bad("null", "a value is required");
    }
    String v = raw.trim();
    try {
      switch (kind) {
        case INT -> {
          long x = Long.parseLong(v);
          if (x < min || x > max) {
            throw bad(v, range());
          }
          return (int) x;
        }
        case LONG -> {
          return Long.parseLong(v);
        }
        case DOUBLE -> {
          double x = Double.parseDouble(v);
          if (!((minExclusive ? x > min : x >= min) && x <= max)) {
            throw bad(v, range());
          }
          return x;
        }
        case BOOL -> {
          String b = v.toLowerCase(Locale.ROOT);
          if (b.equals("true") || b.equals("false")) {
            return Boolean.parseBoolean(b);
          }
          throw bad(v, "must be true or false");
        }
        case CHOICE -> {
          for (String c : choices) {
            if (c.equalsIgnoreCase(v)) {
              return c;
            }
          }
          throw bad(v, "must be one of " + String.join(", ", choices));
        }
        case LIST -> {
          List<String> items =
              java.util.Arrays.stream(v.split(","))
                  .map(String::trim)
                  .filter(s -> !s.isEmpty())
                  .toList();
          if (items.isEmpty()) {
            throw bad(v, "must be a non-empty comma-separated list");
          }
          if (!choices.isEmpty()) {
            java.util.ArrayList<String> canon = new java.util.ArrayList<>();
            for (String item : items) {
              String match =
                  choices.stream().filter(c -> c.equalsIgnoreCase(item)).findFirst().orElse(null);
              if (match == null) {
                throw bad(v, "every element must be one of " + String.join(", ", choices));
              }
              canon.add(match);
            }
            return List.copyOf(canon);
          }
          return items;
        }
        default -> {
          if (v.isEmpty()) {
            throw bad("''", "must not be empty");
          }
          return v;
        }
      }
    } catch (NumberFormatException e) {
      throw bad(v, "must be " + (kind == Kind.DOUBLE ? "a number" : "an integer") + " " + range());
    }
  }

  /**
   * Checks a typed value (as code passes it, e.g. a builder) exactly as a raw value from a job file
   * is checked, so both fail alike.
   *
   * @return the value in its canonical form ({@link #parse})
   * @throws IllegalArgumentException naming the key, the value and what is allowed
   */
  public Object check(Object value) {
    if (value instanceof List<?> l) {
      return parse(String.join(",", l.stream().map(String::valueOf).toList()));
    }
    return parse(value == null ? null : String.valueOf(value));
  }

  /** Human-readable allowed values, as written in conf/nash-defaults.yaml. */
  public String allowed() {
    return switch (kind) {
      case INT, DOUBLE -> range().replace("must be ", "");
      case LONG -> "any integer";
      case BOOL -> "true or false";
      case CHOICE -> "one of " + String.join(", ", choices);
      case LIST ->
          choices.isEmpty()
              ? "comma-separated list"
              : "comma-separated list of " + String.join(", ", choices);
      default -> "non-empty string";
    };
  }

  private String range() {
    if (kind == Kind.INT) {
      return max >= Integer.MAX_VALUE
          ? "must be >= " + (long) min
          : "must be in " + (long) min + ".." + (long) max;
    }
    if (max == Double.MAX_VALUE || Double.isInfinite(max)) {
      return (minExclusive ? "must be > " : "must be >= ") + min;
    }
    return "must be in " + (minExclusive ? "(" : "[") + min + ", " + max + "]";
  }

  private IllegalArgumentException bad(String value, String allowed) {
    return new IllegalArgumentException(key + " = " + value + ": " + allowed);
  }

  public String key() {
    return key;
  }

  public Kind kind() {
    return kind;
  }

  /** The parsed default, or null when the setting has none. */
  public Object defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** Lower bound of a number (INT, DOUBLE); see {@link #minExclusive()}. */
  public double min() {
    return min;
  }

  /** Upper bound of a number (INT, DOUBLE), inclusive. */
  public double max() {
    return max;
  }

  /** True when {@link #min()} itself is not allowed (e.g. a learning rate must be above 0). */
  public boolean minExclusive() {
    return minExclusive;
  }

  @Override
  public String toString() {
    return key + " (" + kind + ", default " + defaultValue + ")";
  }
}
