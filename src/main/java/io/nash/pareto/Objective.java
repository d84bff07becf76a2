package io.nash.pareto;

import java.util.Locale;
import java.util.Objects;

/**
 * One objective of the Pareto comparison: a metric name (as it appears in {@link
 * ParetoPoint#objectives()}) and whether larger or smaller values are better. Immutable and
 * thread-safe.
 */
public record Objective(String name, Direction direction) {

  /** Whether an objective is maximized or minimized. */
  public enum Direction {
    MAXIMIZE,
    MINIMIZE
  }

  public Objective {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(direction, "direction");
    if (name.isBlank() || name.contains(",") || name.contains(":")) {
      throw new IllegalArgumentException(
          "objective name = '" + name + "': must be non-blank and contain no ',' or ':'");
    }
  }

  public static Objective max(String name) {
    return new Objective(name, Direction.MAXIMIZE);
  }

  public static Objective min(String name) {
    return new Objective(name, Direction.MINIMIZE);
  }

  /**
   * Parses {@code name:max} or {@code name:min} (also {@code up}/{@code down}).
   *
   * @throws IllegalArgumentException naming the text and the allowed forms
   */
  public static Objective parse(String text) {
    String t = text.trim();
    int colon = t.lastIndexOf(':');
    if (colon <= 0 || colon == t.length() - 1) {
      throw new IllegalArgumentException(
          "objective = '" + text + "': must be name:max or name:min (e.g. accuracy:max)");
    }
    String name = t.substring(0, colon).trim();
    String dir = t.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
    return switch (dir) {
      case "max", "up", "maximize" -> max(name);
      case "min", "down", "minimize" -> min(name);
      default ->
          throw new IllegalArgumentException(
              "objective = '" + text + "': direction '" + dir + "' must be max or min");
    };
  }

  /**
   * The value in "smaller is better" form: maximized objectives are negated, so dominance and
   * hypervolume code only ever minimizes.
   */
  double toMinimized(double value) {
    return direction == Direction.MAXIMIZE ? -value : value;
  }

  @Override
  public String toString() {
    return name + ":" + (direction == Direction.MAXIMIZE ? "max" : "min");
  }
}
