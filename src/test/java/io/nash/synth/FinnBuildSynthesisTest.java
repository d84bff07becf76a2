package io.nash.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.pipeline.SynthesisDriver;
import io.nash.space.Backbone;
import io.nash.store.CandidateResult;
import io.nash.store.CommittedDir;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import io.nash.store.UnitCommitter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FINN-runner path with a fake FINN: a shell script that checks the build folder and writes
 * FINN's four estimate reports with known numbers into {@code output/report/}. The row must carry
 * those numbers (source finn-build); a candidate without a model.onnx becomes a failed row.
 */
class FinnBuildSynthesisTest {
  @TempDir Path tmp;

  static final String FAKE_FINN =
      """
      #!/bin/sh
      set -e
      d="$1"
      test -f "$d/model.onnx"
      test -f "$d/dataflow_build_config.json"
      test -f "$d/folding_config.json"
      mkdir -p "$d/output/report"
      echo "fake finn building $d"
      cat > "$d/output/report/estimate_network_performance.json" <<JSON
      {"critical_path_cycles": 4000, "max_cycles": 1000, "max_cycles_node_name": "MVAU_hls_0",
       "estimated_throughput_fps": 200000.0, "estimated_latency_ns": 20000.0}
      JSON
      cat > "$d/output/report/estimate_layer_cycles.json" <<JSON
      {"MVAU_hls_0": 1000, "LabelSelect_hls_0": 10}
      JSON
      cat > "$d/output/report/estimate_layer_resources.json" <<JSON
      {"MVAU_hls_0": {"BRAM_18K": 7, "BRAM_efficiency": 0.5, "LUT": 1234, "URAM": 0,
        "URAM_efficiency": 1, "DSP": 3},
       "LabelSelect_hls_0": {"BRAM_18K": 0, "BRAM_efficiency": 1, "LUT": 66, "URAM": 0,
        "URAM_efficiency": 1, "DSP": 0},
       "total": {"BRAM_18K": 7.0, "LUT": 1300.0, "URAM": 0.0, "DSP": 3.0}}
      JSON
      echo '{"MVAU_hls_0": {"param_weight_8b": 64}, "total": {"param_weight_8b": 64}}' \\
        > "$d/output/report/op_and_param_counts.json"
      """;

  @Test
  void recordsTheFinnBuildReports() throws Exception {
    Path script = tmp.resolve("fake-finn.sh");
    Files.writeString(script, FAKE_FINN);
    StoreSpec spec = new StoreSpec(tmp.resolve("store").toUri().toString(), Map.of());
    Map<String, String> conf = SynthesisFixtures.settings("ZCU104");
    conf.put(SynthesisSettings.TARGET_FPS, "2000");
    conf.put(SynthesisSettings.FINN_COMMAND, "sh " + script + " {dir}");
    conf.put(SynthesisSettings.FINN_TIMEOUT_S, "60");
    SynthesisSettings s = SynthesisSettings.of(conf);
    try (Store st = spec.open()) {
      SynthesisFixtures.writeRun(st, "r1");
      // Only c0 has the exported model the FINN build reads.
      st.put(RunLayout.candidate("r1", "c0") + "/model.onnx", new byte[] {8, 7, 0x12, 1, 0x30});
      SynthesisDriver.Summary sum =
          new SynthesisDriver(st, new LocalSynthesisStage(spec))
              .run("r1", s, CandidateSelection.Mode.ALL, false, Backbone.fromName("resnet18"));
      assertEquals(3, sum.committed());

      CandidateResult c0 = result(sum, "c0");
      assertEquals(CandidateResult.OK, c0.status(), c0.error());
      assertEquals("finn-build", c0.source());
      // The numbers the fake FINN wrote: 200000 fps, 20000 ns = 0.02 ms, totals 1300/7/0/3.
      assertEquals(200000.0, c0.fps());
      assertEquals(0.02, c0.latencyMs(), 1e-15);
      assertEquals(1300.0, c0.lut());
      assertEquals(7.0, c0.bram18k());
      assertEquals(3.0, c0.dsp());
      CommittedDir unit = UnitCommitter.open(st, RunLayout.hw("r1", "c0", "ZCU104")).orElseThrow();
      assertTrue(unit.names().contains("finn-build/report/estimate_network_performance.json"));
      assertTrue(unit.names().contains("report/estimate_network_performance.json"));
      String log =
          new String(unit.read("finn-build/finn-runner.log").orElseThrow(), StandardCharsets.UTF_8);
      assertTrue(log.contains("fake finn building"), log);

      CandidateResult c1 = result(sum, "c1");
      assertEquals(CandidateResult.FAILED, c1.status());
      assertTrue(c1.error().contains("model.onnx"), c1.error());
      assertEquals(CandidateResult.FAILED, result(sum, "c2").status());
    }
  }

  @Test
  void aFailingFinnBuildIsAFailedRowWithTheLogTail() throws Exception {
    Path script = tmp.resolve("broken-finn.sh");
    Files.writeString(script, "#!/bin/sh\necho 'vivado: out of licenses'\nexit 3\n");
    StoreSpec spec = new StoreSpec(tmp.resolve("store2").toUri().toString(), Map.of());
    Map<String, String> conf = SynthesisFixtures.settings("U250");
    conf.put(SynthesisSettings.TARGET_FPS, "2000");
    conf.put(SynthesisSettings.FINN_COMMAND, "sh " + script + " {dir}");
    try (Store st = spec.open()) {
      SynthesisJob job =
          new SynthesisJob(
              "r1",
              "c0",
              io.nash.space.SpaceJson.genotypeJson(io.nash.space.PublishedGenotypes.V1),
              "U250",
              0.8,
              null,
              RunCandidates.ONE_SHOT);
      st.put(RunLayout.candidate("r1", "c0") + "/model.onnx", new byte[] {1});
      SynthesisOutcome o = CandidateSynthesis.run(st, SynthesisSettings.of(conf), job);
      assertEquals(SynthesisOutcome.Action.COMMITTED, o.action());
      assertEquals(CandidateResult.FAILED, o.status());
      CandidateResult r =
          UnitCommitter.open(st, job.unitDir())
              .orElseThrow()
              .readJson("result.json", CandidateResult.class)
              .orElseThrow();
      assertTrue(r.error().contains("exit code 3"), r.error());
      assertTrue(r.error().contains("out of licenses"), r.error());
    }
  }

  private static CandidateResult result(SynthesisDriver.Summary sum, String cand) {
    return sum.lines().stream()
        .filter(l -> l.candidateId().equals(cand))
        .findFirst()
        .orElseThrow()
        .result()
        .orElseThrow();
  }
}
