package io.nash.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.hw.FinnRunner;
import io.nash.nn.export.FinnFolders;
import io.nash.space.Architecture;
import io.nash.space.ImageShape;
import io.nash.space.PublishedGenotypes;
import io.nash.space.QuantSpec;
import io.nash.space.SpaceJson;
import io.nash.store.CandidateResult;
import io.nash.store.CommittedDir;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import io.nash.store.UnitCommitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthesis task with a real FINN (the install at {@code FINN_HOME}): one (candidate, device)
 * unit builds with FINN's flow, commits FINN's reports and the comparison next to ours, and its row
 * has {@code source = finn} with FINN's figures (BRAM_18K with the Thresholding_rtl BRAM FINN
 * leaves out) and our estimate beside them.
 */
@Tag("finn")
class FinnSynthesisTest {
  @TempDir Path tmp;

  @Test
  void aRealFinnBuildIsAFinnRowWithFinnsReportsAndTheComparison() throws Exception {
    String home = System.getenv(FinnRunner.FINN_HOME);
    io.nash.Components.require(
        home != null && !home.isBlank(),
        "FINN_HOME is not set: this test needs a FINN v0.10.1 install; .ci/run sets it");
    // the trained candidate's export, as the retrain stage stores it
    byte[] onnx;
    try (NDManager m = NDManager.newBaseManager()) {
      FinnFolders.write(
          m,
          tmp.resolve("export"),
          Architecture.of(PublishedGenotypes.V1),
          QuantSpec.NASH_PAPER,
          4,
          new ImageShape(3, 32, 32),
          10,
          "U250",
          2000,
          7);
      onnx = Files.readAllBytes(tmp.resolve("export/model.onnx"));
    }
    Map<String, String> conf = SynthesisFixtures.settings("U250");
    conf.put(SynthesisSettings.FINN, "auto");
    conf.put(SynthesisSettings.WIDTH, "4");
    conf.put(SynthesisSettings.TARGET_FPS, "2000");
    SynthesisSettings s = SynthesisSettings.of(conf);
    SynthesisJob job =
        new SynthesisJob(
            "r1",
            "c0",
            SpaceJson.genotypeJson(PublishedGenotypes.V1),
            "U250",
            0.8,
            null,
            RunCandidates.ONE_SHOT);
    StoreSpec spec = new StoreSpec(tmp.resolve("store").toUri().toString(), Map.of());
    try (Store st = spec.open()) {
      st.put(RunLayout.candidate("r1", "c0") + "/model.onnx", onnx);
      CandidateSynthesis.run(st, s, job, System.getenv());
      CommittedDir unit = UnitCommitter.open(st, job.unitDir()).orElseThrow();
      CandidateResult r = unit.readJson("result.json", CandidateResult.class).orElseThrow();
      assertEquals(CandidateResult.OK, r.status(), r.error());
      assertEquals(CandidateResult.SOURCE_FINN, r.source());

      ObjectMapper json = new ObjectMapper();
      JsonNode cycles =
          json.readTree(unit.read("finn-build/report/estimate_layer_cycles.json").orElseThrow());
      JsonNode ours = json.readTree(unit.read("report/estimate_layer_cycles.json").orElseThrow());
      // FINN's layers are ours, by name, with the same cycles
      assertEquals(ours, cycles);
      JsonNode cmp = json.readTree(unit.read("finn-build/comparison.json").orElseThrow());
      assertEquals(ours.size(), cmp.get("layers_compared").asInt());
      assertTrue(cmp.get("network").get("equal").asBoolean(), cmp.get("network").toString());
      // the row: FINN's fps (equal to ours: same cycles), FINN's BRAM plus what it leaves out
      assertEquals(r.estimateFps(), r.fps(), 1e-9);
      assertEquals(
          r.finnBram18k() + cmp.get("thresholding_BRAM_18K_left_out").asDouble(),
          r.bram18k(),
          1e-9);
      assertEquals(r.estimateBram18k(), r.bram18k(), 1e-9, "BRAM is not data-dependent");
      assertTrue(
          r.lut() <= r.estimateLut(), "FINN's LUT " + r.lut() + " > ours " + r.estimateLut());
      assertTrue(unit.read("finn-build/finn-runner.log").isPresent());
    }
  }
}
