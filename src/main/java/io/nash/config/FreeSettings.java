package io.nash.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which settings may change when a run is resumed: the ones that cannot change what the run writes
 * (where the store is, which Spark master runs the tasks, how many threads or tasks share the
 * work). Every other key, including any key this list does not know, alters the outputs, so a
 * resume that changes it is refused ({@code pipeline.Runs}). The one place of this classification;
 * {@link SettingsSchema#altersOutputs} refers to it.
 *
 * <p>Not settings of the schema and therefore never compared: the store's Hadoop settings ({@code
 * --hadoop}, {@code spark.hadoop.*}: endpoints, credentials) and command-line options such as
 * progress or log output. Thread counts are free although libtorch may round a float sum
 * differently with another count, as it does on another machine. Stateless.
 */
public final class FreeSettings {
  private FreeSettings() {}

  /** Keys that cannot change a run's outputs. */
  static final List<String> KEYS =
      List.of(
          "nash.run.id", // the run's identity: equal by construction on a resume
          "nash.store", // where the run lives, not what it holds
          "nash.spark.master",
          "nash.nn.threads",
          "nash.train.threads",
          "nash.candidates.per-task"); // candidates per Spark task: each is evaluated alone

  /** Key prefixes whose keys cannot change a run's outputs (none today). */
  static final List<String> PREFIXES = List.of();

  /** True unless {@code key} is listed as free: unknown keys alter outputs. */
  public static boolean altersOutputs(String key) {
    return !KEYS.contains(key) && PREFIXES.stream().noneMatch(key::startsWith);
  }

  /**
   * One changed setting.
   *
   * @param before the recorded value, null when the key was not recorded
   * @param after the new value, null when the key is no longer set
   */
  public record Change(String key, String before, String after) {
    /** {@code key before -> after}, with "(unset)" for a missing value. */
    @Override
    public String toString() {
      return key + " " + show(before) + " -> " + show(after);
    }

    private static String show(String v) {
      return v == null ? "(unset)" : v;
    }
  }

  /** Every key whose value differs between the two maps (a missing key counts), sorted by key. */
  public static List<Change> changes(Map<String, String> before, Map<String, String> after) {
    List<Change> out = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    for (String k : keys) {
      if (!Objects.equals(before.get(k), after.get(k))) {
        out.add(new Change(k, before.get(k), after.get(k)));
      }
    }
    return out;
  }
}
