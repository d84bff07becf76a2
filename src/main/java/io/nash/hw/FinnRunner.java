package io.nash.hw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real FINN build on a {@link FinnBuildPackage} folder through a configured command template
 * (e.g. {@code finn build_dataflow {dir}} or {@code ./run-docker.sh build_dataflow {dir}}), as a
 * subprocess with a timeout, and reads the {@code report/*.json} files it writes back into the same
 * {@link HwReport} our estimator produces. The template is split on whitespace and {@code {dir}} is
 * replaced by the absolute folder path in every token; the command's output goes to {@code
 * finn-runner.log} in the folder. Immutable; one instance may run several builds.
 */
public final class FinnRunner {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<String> template;
  private final Duration timeout;

  public FinnRunner(String commandTemplate, Duration timeout) {
    if (commandTemplate == null || !commandTemplate.contains("{dir}")) {
      throw new IllegalArgumentException(
          "finn command = '"
              + commandTemplate
              + "': must contain {dir}, e.g. 'finn build_dataflow {dir}'");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("finn timeout = " + timeout + ": must be > 0");
    }
    this.template = List.of(commandTemplate.trim().split("\\s+"));
    this.timeout = timeout;
  }

  /** The command for {@code dir}. */
  public List<String> command(Path dir) {
    String abs = dir.toAbsolutePath().toString();
    return template.stream().map(t -> t.replace("{dir}", abs)).toList();
  }

  /**
   * Runs FINN on {@code dir} (which must hold model.onnx and dataflow_build_config.json) and
   * returns the reports it wrote; the clock converts cycles to fps/latency only if FINN's
   * performance report is missing.
   */
  public HwReport run(Path dir) throws IOException, InterruptedException {
    for (String f : List.of(FinnBuildPackage.MODEL, "dataflow_build_config.json")) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new IllegalStateException("FINN build folder " + dir + " lacks " + f);
      }
    }
    Path log = dir.resolve("finn-runner.log");
    Process p =
        new ProcessBuilder(command(dir))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      // the parent first, so that it cannot start another child (e.g. a build step writing
      // into dir) once the ones it has are killed; then those children, and wait for all
      List<ProcessHandle> children = p.descendants().toList();
      p.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
      p.waitFor(10, TimeUnit.SECONDS);
      for (ProcessHandle c : children) {
        try {
          c.onExit().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          // reported through the exception below; the child may outlive us
        }
      }
      throw new IllegalStateException(
          "FINN build in " + dir + " timed out after " + timeout + "; log: " + log);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "FINN build in "
              + dir
              + " failed with exit code "
              + p.exitValue()
              + "; log tail:\n"
              + tail(log));
    }
    for (Path r : List.of(dir.resolve("output").resolve("report"), dir.resolve("report"))) {
      if (Files.isDirectory(r)) {
        return readReports(r);
      }
    }
    throw new IllegalStateException("FINN build in " + dir + " wrote no output/report folder");
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  /** Reads FINN's four estimate reports from a {@code report/} folder. */
  public static HwReport readReports(Path reportDir) throws IOException {
    JsonNode cyc = read(reportDir, "estimate_layer_cycles.json");
    JsonNode res = read(reportDir, "estimate_layer_resources.json");
    JsonNode perf = read(reportDir, "estimate_network_performance.json");
    Path countsFile = reportDir.resolve("op_and_param_counts.json");
    JsonNode counts =
        Files.isRegularFile(countsFile)
            ? MAPPER.readTree(countsFile.toFile())
            : MAPPER.createObjectNode();
    Map<String, Long> cycles = new LinkedHashMap<>();
    cyc.fields().forEachRemaining(e -> cycles.put(e.getKey(), e.getValue().asLong()));
    Map<String, Resources> layers = new LinkedHashMap<>();
    Resources total = Resources.ZERO;
    for (Iterator<Map.Entry<String, JsonNode>> it = res.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      Resources r =
          new Resources(
              v.path("BRAM_18K").asDouble(),
              v.path("BRAM_efficiency").asDouble(1),
              v.path("LUT").asDouble(),
              v.path("URAM").asDouble(),
              v.path("URAM_efficiency").asDouble(1),
              v.path("DSP").asDouble());
      if (e.getKey().equals("total")) {
        total = r;
      } else {
        layers.put(e.getKey(), r);
      }
    }
    Map<String, Map<String, Long>> c = new LinkedHashMap<>();
    counts
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals("total")) {
                Map<String, Long> m = new LinkedHashMap<>();
                e.getValue()
                    .fields()
                    .forEachRemaining(f -> m.put(f.getKey(), f.getValue().asLong()));
                c.put(e.getKey(), m);
              }
            });
    return new HwReport(
        cycles,
        layers,
        total,
        c,
        require(perf, "critical_path_cycles").asLong(),
        require(perf, "max_cycles").asLong(),
        require(perf, "max_cycles_node_name").asText(),
        require(perf, "estimated_throughput_fps").asDouble(),
        require(perf, "estimated_latency_ns").asDouble());
  }

  private static JsonNode read(Path dir, String name) throws IOException {
    Path f = dir.resolve(name);
    if (!Files.isRegularFile(f)) {
      throw new IllegalStateException("FINN report " + f + " is missing");
    }
    return MAPPER.readTree(f.toFile());
  }

  private static JsonNode require(JsonNode o, String k) {
    JsonNode v = o.get(k);
    if (v == null) {
      throw new IllegalStateException("estimate_network_performance.json lacks '" + k + "'");
    }
    return v;
  }

  /** The command template tokens (for diagnostics). */
  public List<String> template() {
    return new ArrayList<>(template);
  }
}
