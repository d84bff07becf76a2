package io.nash.hw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a folder FINN's {@code build_dataflow <dir>} accepts: {@code model.onnx} (when given; the
 * exporter produces it), {@code dataflow_build_config.json}, {@code folding_config.json} and {@code
 * specialize_layers_config.json}. Each file is written to a temporary name and moved into place, so
 * a failure never leaves a half-written file where a complete one was. Stateless; thread-safe.
 */
public final class FinnBuildPackage {
  public static final String MODEL = "model.onnx";

  /** The Python files of the NASH build steps, shipped as resources next to this class. */
  public static final List<String> STEP_FILES = List.of("nash_finn_steps.py", "build.py");

  private FinnBuildPackage() {}

  private static String resource(String name) {
    try (var in = FinnBuildPackage.class.getResourceAsStream("finn/" + name)) {
      if (in == null) {
        throw new IllegalStateException("resource io/nash/hw/finn/" + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource io/nash/hw/finn/" + name, e);
    }
  }

  /** The text files of the package by name. */
  public static Map<String, String> files(
      HwGraph g, Device d, double clockNs, FinnConfigs.BuildOptions o) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("dataflow_build_config.json", FinnConfigs.buildConfig(g, d, clockNs, o));
    m.put("folding_config.json", FinnConfigs.foldingConfig(g));
    m.put("specialize_layers_config.json", FinnConfigs.specializeLayersConfig(g));
    m.put("nash_layers.json", FinnConfigs.layers(g));
    for (String py : STEP_FILES) {
      m.put(py, resource(py));
    }
    return m;
  }

  /** Writes the package into {@code dir} (created if needed) and returns {@code dir}. */
  public static Path write(
      Path dir,
      HwGraph g,
      Device d,
      double clockNs,
      Optional<byte[]> onnx,
      FinnConfigs.BuildOptions o) {
    Map<String, byte[]> all = new LinkedHashMap<>();
    files(g, d, clockNs, o).forEach((k, v) -> all.put(k, v.getBytes(StandardCharsets.UTF_8)));
    onnx.ifPresent(b -> all.put(MODEL, b));
    writeAll(dir, all);
    return dir;
  }

  /**
   * Writes the folder of a stand-alone estimate ({@code nash estimate}): the FINN build package for
   * estimates only, FINN SetFolding's choice as {@code setfolding_config.json} (for comparison),
   * and FINN's four estimate reports under {@code report/}.
   */
  public static void writeEstimateFolder(
      Path out, HardwareEstimate e, Device device, double clockNs) {
    write(
        out,
        e.graph(),
        device,
        clockNs,
        Optional.empty(),
        FinnConfigs.BuildOptions.estimatesOnly());
    Map<String, byte[]> extra = new LinkedHashMap<>();
    extra.put("setfolding_config.json", e.setFoldingConfigJson().getBytes(StandardCharsets.UTF_8));
    writeAll(out, extra);
    Map<String, byte[]> reports = new LinkedHashMap<>();
    e.reportFiles().forEach((k, v) -> reports.put(k, v.getBytes(StandardCharsets.UTF_8)));
    writeAll(out.resolve("report"), reports);
  }

  /** Writes each file atomically (temporary file + move). */
  static void writeAll(Path dir, Map<String, byte[]> files) {
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        Path tmp = Files.createTempFile(dir, "." + e.getKey(), ".tmp");
        try {
          Files.write(tmp, e.getValue());
          Files.move(
              tmp,
              dir.resolve(e.getKey()),
              StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write FINN files to " + dir, ex);
    }
  }
}
