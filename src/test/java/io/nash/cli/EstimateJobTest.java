package io.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.hw.FinnRunner;
import io.nash.hw.HardwareEstimate;
import io.nash.hw.HwReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nash estimate}'s work: FINN's files written, reports read back, flags checked. */
class EstimateJobTest {

  @Test
  void estimateCommandWritesFinnFiles(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    HardwareEstimate e =
        EstimateJob.runEstimate(
            new EstimateJob.Request(
                "v1",
                "resnet18",
                "3x224x224",
                1000,
                "nash-paper",
                "U250",
                null,
                5.0,
                null,
                true,
                out));
    for (String f :
        new String[] {
          "dataflow_build_config.json",
          "folding_config.json",
          "specialize_layers_config.json",
          "setfolding_config.json",
          "report/estimate_layer_resources.json",
          "report/estimate_layer_cycles.json",
          "report/estimate_network_performance.json",
          "report/op_and_param_counts.json"
        }) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    HwReport back = FinnRunner.readReports(out.resolve("report"));
    assertEquals(e.fps(), back.fps());
    String summary = e.summary();
    assertTrue(
        summary.contains("fps")
            && summary.contains("LUT")
            && summary.contains("URAM")
            && summary.contains("%"));
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EstimateJob.run(
                    new EstimateJob.Request(
                        "v1",
                        "resnet18",
                        "3x224x224",
                        1000,
                        "nash-paper",
                        "U250",
                        null,
                        5.0,
                        10.0,
                        true,
                        out)));
    assertEquals("give exactly one of --target-fps or --fit-device", bad.getMessage());
  }
}
