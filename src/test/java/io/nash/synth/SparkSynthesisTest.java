package io.nash.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nash.hw.DeviceCatalog;
import io.nash.hw.FoldingGoal;
import io.nash.hw.HardwareEstimate;
import io.nash.hw.HardwareEstimator;
import io.nash.hw.Stem;
import io.nash.hw.TrainedValues;
import io.nash.pipeline.SynthesisDriver;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.PublishedGenotypes;
import io.nash.space.QuantSpec;
import io.nash.spark.SparkSynthesisEngine;
import io.nash.store.CandidateAccuracy;
import io.nash.store.CandidateResult;
import io.nash.store.CommittedDir;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import io.nash.store.UnitCommitter;
import io.nash.testutil.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthesis stage through Spark (local[2,4], Kryo with registration required): one committed
 * unit per (candidate, device), a rerun that launches nothing, and an invalid genotype that becomes
 * a failed row while the others succeed.
 */
class SparkSynthesisTest extends SparkTestBase {
  @TempDir Path tmp;

  @Test
  void synthesizesEveryCandidateOnTwoDevicesOnceAndRecordsFailures() throws Exception {
    StoreSpec spec = new StoreSpec(tmp.toUri().toString(), Map.of());
    Map<String, String> conf = SynthesisFixtures.settings("U250,ZCU104");
    conf.put(SynthesisSettings.TARGET_FPS, "2000");
    SynthesisSettings s = SynthesisSettings.of(conf);
    try (Store st = spec.open()) {
      SynthesisFixtures.writeRun(st, "r1");
      new CandidateAccuracy(1, 0.91, 0.99, 30, "nash-paper").write(st, "r1", "c0");
      SparkSynthesisEngine stage = new SparkSynthesisEngine(spark(), spec);
      SynthesisDriver driver = new SynthesisDriver(st, stage);

      SynthesisDriver.Summary first =
          driver.run("r1", s, CandidateSelection.Mode.ALL, true, Backbone.fromName("resnet18"));
      // 3 candidates + baseline, on 2 devices: 8 tasks, 8 units.
      assertEquals(8, first.launched());
      assertEquals(8, stage.launchedTasks());
      assertEquals(8, first.committed());
      assertEquals(0, first.skipped());
      List<RunLayout.HwRef> units = RunLayout.committedHwResults(st, "r1");
      assertEquals(8, units.size());
      Map<String, CandidateResult> rows =
          first.lines().stream()
              .collect(
                  Collectors.toMap(
                      l -> l.candidateId() + "/" + l.device(), l -> l.result().orElseThrow()));
      assertEquals(8, rows.size());

      for (String dev : List.of("U250", "ZCU104")) {
        CandidateResult bad = rows.get("c2/" + dev);
        assertEquals(CandidateResult.FAILED, bad.status());
        assertTrue(bad.error().contains("conv_9x9"), bad.error());
        assertEquals("v1", bad.version());
        for (String ok : List.of("c0", "c1", "baseline")) {
          CandidateResult r = rows.get(ok + "/" + dev);
          assertEquals(CandidateResult.OK, r.status(), ok + " on " + dev + ": " + r.error());
          assertEquals("estimate", r.source());
          assertTrue(r.fps() >= 2000, ok + " fps " + r.fps() + " below the 2000 target");
        }
        // Accuracy: retrained beats one-shot; the baseline has none.
        assertEquals(0.91, rows.get("c0/" + dev).top1());
        assertEquals(0.99, rows.get("c0/" + dev).top5());
        assertEquals(RunCandidates.RETRAINED, rows.get("c0/" + dev).accuracySource());
        assertEquals(0.85, rows.get("c1/" + dev).top1());
        assertEquals(RunCandidates.ONE_SHOT, rows.get("c1/" + dev).accuracySource());
        assertNull(rows.get("baseline/" + dev).top1());
        assertEquals(RunCandidates.NONE, rows.get("baseline/" + dev).accuracySource());
        assertEquals("baseline", rows.get("baseline/" + dev).version());
      }

      // The row equals the hardware model's own estimate for the same inputs.
      HardwareEstimate direct =
          HardwareEstimator.estimate(
              Architecture.of(PublishedGenotypes.V1),
              QuantSpec.NASH_PAPER,
              s.input(),
              10,
              DeviceCatalog.builtIn().get("ZCU104"),
              5.0,
              FoldingGoal.ofTargetFps(2000),
              8,
              Stem.forInput(s.input()),
              36,
              TrainedValues.NONE);
      CandidateResult c0 = rows.get("c0/ZCU104");
      assertEquals(direct.fps(), c0.fps(), 1e-9);
      assertEquals(direct.latencyNs() / 1e6, c0.latencyMs(), 1e-12);
      assertEquals(direct.total().lut(), c0.lut());
      assertEquals(direct.total().bram18(), c0.bram18k());
      assertEquals(direct.total().dsp(), c0.dsp());

      // The unit holds the FINN build folder, both foldings and the reports.
      CommittedDir unit = UnitCommitter.open(st, RunLayout.hw("r1", "c0", "ZCU104")).orElseThrow();
      for (String f :
          List.of(
              "result.json",
              "synthesis.json",
              "finn/dataflow_build_config.json",
              "finn/folding_config.json",
              "finn/specialize_layers_config.json",
              "report/estimate_network_performance.json",
              "report/estimate_layer_resources.json",
              "setfolding/folding_config.json",
              "setfolding/report/estimate_network_performance.json")) {
        assertTrue(unit.names().contains(f), "unit lacks " + f + ": " + unit.names());
      }
      JsonNode perf =
          SynthesisFixtures.JSON.readTree(
              unit.read("report/estimate_network_performance.json").orElseThrow());
      assertEquals(c0.fps(), perf.get("estimated_throughput_fps").asDouble(), 1e-9);
      JsonNode syn = SynthesisFixtures.JSON.readTree(unit.read("synthesis.json").orElseThrow());
      assertEquals("target-fps", syn.get("mode").asText());
      assertEquals(2000.0, syn.get("setFolding").get("targetFps").asDouble());
      assertEquals(direct.setFolding().fps(), syn.get("setFolding").get("fps").asDouble(), 1e-9);
      assertEquals(
          "xczu7ev-ffvc1156-2-e",
          SynthesisFixtures.JSON
              .readTree(unit.read("finn/dataflow_build_config.json").orElseThrow())
              .get("fpga_part")
              .asText());
      CommittedDir failedUnit =
          UnitCommitter.open(st, RunLayout.hw("r1", "c2", "U250")).orElseThrow();
      assertEquals(java.util.Set.of("result.json", "synthesis.json"), failedUnit.names());
      String commitId = unit.marker().commitId();

      // Second run: nothing launched, nothing rewritten.
      SparkSynthesisEngine stage2 = new SparkSynthesisEngine(spark(), spec);
      SynthesisDriver.Summary second =
          new SynthesisDriver(st, stage2)
              .run("r1", s, CandidateSelection.Mode.ALL, true, Backbone.fromName("resnet18"));
      assertEquals(0, second.launched());
      assertEquals(0, stage2.launchedTasks());
      assertEquals(8, second.skipped());
      assertEquals(0, second.committed());
      assertEquals(8, second.lines().size());
      assertTrue(second.lines().stream().allMatch(l -> l.action().isEmpty()));
      assertEquals(8, RunLayout.committedHwResults(st, "r1").size());
      assertEquals(
          commitId,
          UnitCommitter.open(st, RunLayout.hw("r1", "c0", "ZCU104"))
              .orElseThrow()
              .marker()
              .commitId());
      assertEquals(2, second.failed());
    }
  }

  @Test
  void aTaskFindingItsUnitCommittedDoesNothing() throws Exception {
    StoreSpec spec = new StoreSpec(tmp.toUri().toString(), Map.of());
    SynthesisSettings s = SynthesisSettings.of(SynthesisFixtures.settings("U250"));
    try (Store st = spec.open()) {
      SynthesisJob job =
          new SynthesisJob(
              "r2", "c9", SynthesisFixtures.invalidGenotype(), "U250", null, null, "none");
      // Another attempt committed first (the driver's check passed before it did).
      UnitCommitter.commit(st, job.unitDir(), Map.of("result.json", "{}".getBytes()));
      List<SynthesisOutcome> out = new SparkSynthesisEngine(spark(), spec).run(List.of(job), s);
      assertEquals(SynthesisOutcome.Action.SKIPPED, out.get(0).action());
      assertFalse(
          UnitCommitter.open(st, job.unitDir()).orElseThrow().names().contains("synthesis.json"));
    }
  }
}
