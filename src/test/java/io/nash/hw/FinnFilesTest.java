package io.nash.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FINN build package, the runner with a fake FINN, and the estimate command's files. */
class FinnFilesTest {
  static final ObjectMapper M = new ObjectMapper();

  @Test
  void buildPackageHasFinnsFields(@TempDir Path dir) throws Exception {
    HwGraph g = NetworkEstimateTest.cnv();
    Device d = DeviceCatalog.builtIn().get("U250");
    FinnBuildPackage.write(
        dir, g, d, 5.0, Optional.of(new byte[] {1, 2}), FinnConfigs.BuildOptions.estimatesOnly());
    JsonNode cfg = M.readTree(dir.resolve("dataflow_build_config.json").toFile());
    assertEquals(5.0, cfg.get("synth_clk_period_ns").asDouble());
    assertEquals("U250", cfg.get("board").asText());
    assertEquals("vitis_alveo", cfg.get("shell_flow_type").asText());
    assertEquals("xcu250-figd2104-2L-e", cfg.get("fpga_part").asText());
    assertEquals("folding_config.json", cfg.get("folding_config_file").asText());
    assertEquals("estimate_reports", cfg.get("generate_outputs").get(0).asText());
    JsonNode fold = M.readTree(dir.resolve("folding_config.json").toFile());
    assertTrue(fold.get("Defaults").isObject());
    assertEquals(16, fold.get("MVAU_hls_0").get("PE").asInt());
    assertEquals(3, fold.get("MVAU_hls_0").get("SIMD").asInt());
    JsonNode spec = M.readTree(dir.resolve("specialize_layers_config.json").toFile());
    assertEquals(
        "rtl", spec.get("ConvolutionInputGenerator_0").get("preferred_impl_style").asText());
    assertEquals("hls", spec.get("MVAU_8").get("preferred_impl_style").asText());
    assertEquals(2, Files.size(dir.resolve("model.onnx")));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new FinnConfigs.BuildOptions(java.util.List.of("bitstream"), 36, true));
    assertTrue(e.getMessage().startsWith("generate_outputs entry 'bitstream': allowed are"));
  }

  /** A fake FINN: copies prepared report files into output/report, as build_dataflow does. */
  private static Path fakeFinn(Path dir, Map<String, String> reports, int exit, int sleep)
      throws Exception {
    Path src = dir.resolve("prepared");
    Files.createDirectories(src);
    for (Map.Entry<String, String> e : reports.entrySet()) {
      Files.writeString(src.resolve(e.getKey()), e.getValue());
    }
    Path script = dir.resolve("fake-finn.sh");
    Files.writeString(
        script,
        "#!/bin/sh\nsleep "
            + sleep
            + "\necho building \"$1\"\nmkdir -p \"$1/output/report\"\n"
            + "cp \"$1\"/prepared/*.json \"$1/output/report/\"\nexit "
            + exit
            + "\n");
    return script;
  }

  @Test
  void runnerReadsTheReportsBack(@TempDir Path dir) throws Exception {
    HwGraph g = NetworkEstimateTest.cnv();
    HwReport ours = Estimator.estimate(g, DspType.DSP48E1, 5.0);
    Device d = DeviceCatalog.builtIn().get("Pynq-Z1");
    FinnBuildPackage.write(
        dir, g, d, 5.0, Optional.of(new byte[] {0}), FinnConfigs.BuildOptions.estimatesOnly());
    Path script = fakeFinn(dir, ours.reportFiles(), 0, 0);
    HwReport back = new FinnRunner("sh " + script + " {dir}", Duration.ofSeconds(30)).run(dir);
    assertEquals(ours.layerCycles(), back.layerCycles());
    assertEquals(ours.maxCycles(), back.maxCycles());
    assertEquals(ours.maxCyclesNode(), back.maxCyclesNode());
    assertEquals(ours.fps(), back.fps());
    assertEquals(ours.latencyNs(), back.latencyNs());
    assertEquals(ours.total().lut(), back.total().lut());
    assertEquals(
        ours.layerResources().get("MVAU_hls_0").bram18(),
        back.layerResources().get("MVAU_hls_0").bram18());
    assertEquals(ours.opAndParamCounts(), back.opAndParamCounts());
    assertTrue(Files.readString(dir.resolve("finn-runner.log")).contains("building"));
  }

  @Test
  void runnerFailuresAndTimeouts(@TempDir Path dir) throws Exception {
    HwGraph g = NetworkEstimateTest.cnv();
    Device d = DeviceCatalog.builtIn().get("Pynq-Z1");
    FinnBuildPackage.write(
        dir, g, d, 5.0, Optional.empty(), FinnConfigs.BuildOptions.estimatesOnly());
    Path script = fakeFinn(dir, Map.of(), 3, 0);
    FinnRunner r = new FinnRunner("sh " + script + " {dir}", Duration.ofSeconds(30));
    IllegalStateException missing = assertThrows(IllegalStateException.class, () -> r.run(dir));
    assertTrue(missing.getMessage().endsWith("lacks model.onnx"), missing.getMessage());
    Files.write(dir.resolve("model.onnx"), new byte[] {0});
    IllegalStateException failed = assertThrows(IllegalStateException.class, () -> r.run(dir));
    assertTrue(failed.getMessage().contains("failed with exit code 3"), failed.getMessage());
    Path slow = fakeFinn(dir, Map.of(), 0, 5);
    FinnRunner hasty = new FinnRunner("sh " + slow + " {dir}", Duration.ofMillis(300));
    IllegalStateException timeout = assertThrows(IllegalStateException.class, () -> hasty.run(dir));
    assertTrue(timeout.getMessage().contains("timed out after PT0.3S"), timeout.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new FinnRunner("finn build_dataflow", Duration.ofSeconds(1)));
  }
}
