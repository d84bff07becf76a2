package io.nash.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nash.config.Settings;
import io.nash.config.SettingsSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A variant sweep read from YAML ({@code conf/sweep-example.yaml}): a grid of setting values whose
 * cartesian product gives the variants, each a run in one store. Values of {@code nash.hw.devices}
 * do not multiply runs: a run's search, candidates and retraining do not depend on the device, so
 * every device of the grid is estimated inside each run. Run ids are derived from the variant's
 * values, so a restarted sweep finds its finished runs. Immutable.
 *
 * <pre>
 * sweep:
 *   name: example
 *   concurrency: 2          # variants run at once (FAIR scheduler pools)
 *   job: conf/demo.yaml     # optional base job file, relative to this file
 *   grid:
 *     nash.search.version: [v1, v2]
 *     nash.run.seed: [1, 2]
 * settings:                 # applied to every variant
 *   nash.search.epochs: 1
 * </pre>
 */
public record SweepSpec(
    String name,
    int concurrency,
    List<Path> jobFiles,
    Map<String, List<String>> grid,
    Map<String, String> common) {

  public static final String DEVICES = "nash.hw.devices";

  /** One variant: its run id and the overrides that define it. */
  public record Variant(String runId, Map<String, String> overrides) {}

  public SweepSpec {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,39}")) {
      throw new IllegalArgumentException(
          "sweep.name = '" + name + "': must be 1-40 letters, digits, '-' or '_'");
    }
    if (concurrency < 1 || concurrency > 64) {
      throw new IllegalArgumentException(
          "sweep.concurrency = " + concurrency + ": must be in 1..64");
    }
    jobFiles = List.copyOf(jobFiles);
    grid = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(grid));
    common = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(common));
  }

  /** Reads and validates a sweep file: every key must be a known setting, every value valid. */
  public static SweepSpec read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "sweep file " + file + ": cannot read it: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !root.has("sweep")) {
      throw new IllegalArgumentException("sweep file " + file + ": must have a 'sweep:' section");
    }
    JsonNode sw = root.get("sweep");
    String name = sw.path("name").asText(file.getFileName().toString().replaceAll("\\.ya?ml$", ""));
    int conc = sw.path("concurrency").asInt(2);
    List<Path> jobs = new ArrayList<>();
    if (sw.hasNonNull("job")) {
      Path base = file.toAbsolutePath().getParent();
      Path job = base.resolve(sw.get("job").asText());
      if (!Files.isRegularFile(job)) {
        job = Path.of(sw.get("job").asText());
      }
      if (!Files.isRegularFile(job)) {
        throw new IllegalArgumentException(
            "sweep.job = " + sw.get("job").asText() + ": no such file");
      }
      jobs.add(job);
    }
    Map<String, List<String>> grid = new LinkedHashMap<>();
    JsonNode g = sw.get("grid");
    if (g == null || !g.isObject() || g.isEmpty()) {
      throw new IllegalArgumentException("sweep.grid: must map setting keys to lists of values");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<String> values = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(v -> values.add(v.asText()));
      } else {
        values.add(e.getValue().asText());
      }
      if (values.isEmpty()) {
        throw new IllegalArgumentException(
            "sweep.grid." + e.getKey() + ": needs at least one value");
      }
      for (String v : values) {
        SettingsSchema.get(e.getKey()).parse(v); // fail before anything starts
      }
      grid.put(e.getKey(), values);
    }
    Map<String, String> common = new LinkedHashMap<>();
    JsonNode s = root.get("settings");
    if (s != null && s.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String raw = e.getValue().isArray() ? joined(e.getValue()) : e.getValue().asText();
        SettingsSchema.get(e.getKey()).parse(raw);
        common.put(e.getKey(), raw);
      }
    }
    SweepSpec spec = new SweepSpec(name, conc, jobs, grid, common);
    spec.variants().forEach(v -> Settings.load(spec.jobFiles(), v.overrides())); // validate all
    return spec;
  }

  private static String joined(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(v -> out.add(v.asText()));
    return String.join(",", out);
  }

  /** The cartesian product of the grid (devices merged into each run), in grid order. */
  public List<Variant> variants() {
    List<Map<String, String>> combos = new ArrayList<>();
    combos.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> axis : grid.entrySet()) {
      if (axis.getKey().equals(DEVICES)) {
        continue;
      }
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> c : combos) {
        for (String v : axis.getValue()) {
          Map<String, String> m = new LinkedHashMap<>(c);
          m.put(axis.getKey(), v);
          next.add(m);
        }
      }
      combos = next;
    }
    List<Variant> out = new ArrayList<>();
    for (Map<String, String> c : combos) {
      Map<String, String> o = new LinkedHashMap<>(common);
      o.putAll(c);
      if (grid.containsKey(DEVICES)) {
        o.put(DEVICES, String.join(",", grid.get(DEVICES)));
      }
      StringBuilder id = new StringBuilder(name);
      c.forEach((k, v) -> id.append('-').append(shortKey(k)).append(v));
      String runId = id.toString().replaceAll("[^A-Za-z0-9_.-]", "_");
      o.put("nash.run.id", runId);
      out.add(new Variant(runId, o));
    }
    return out;
  }

  /**
   * A short label for a key in run ids: the last segment's initials, e.g. batch-size -> bs; none
   * for values that name themselves (backbone, version, quant, the hardware target's device);
   * {@code lambda} and {@code fps} for the hardware term's weight and target frame rate (whose
   * initials would be width's and nash.hw.target-fps's).
   */
  static String shortKey(String key) {
    switch (key) {
      case "nash.search.hw.device":
        return "";
      case "nash.search.hw.weight":
        return "lambda";
      case "nash.search.hw.target-fps":
        return "fps";
      default:
        break;
    }
    String last = key.substring(key.lastIndexOf('.') + 1);
    return switch (last) {
      case "backbone", "version", "quant" -> "";
      case "seed" -> "s";
      case "width" -> "w";
      default -> {
        StringBuilder sb = new StringBuilder();
        for (String part : last.split("-")) {
          sb.append(part.charAt(0));
        }
        yield sb.toString();
      }
    };
  }
}
