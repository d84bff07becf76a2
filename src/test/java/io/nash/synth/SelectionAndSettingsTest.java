package io.nash.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.nash.space.Backbone;
import io.nash.space.PublishedGenotypes;
import io.nash.space.SpaceJson;
import io.nash.store.CandidateAccuracy;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the run, front selection and settings validation (no Spark). */
class SelectionAndSettingsTest {
  @TempDir Path tmp;

  @Test
  void frontKeepsNonDominatedCandidatesTheBaselineAndInvalidOnes() throws Exception {
    try (Store st = new StoreSpec(tmp.toUri().toString(), Map.of()).open()) {
      ArrayNode arr = SynthesisFixtures.JSON.createArrayNode();
      String v1 = SpaceJson.genotypeJson(PublishedGenotypes.V1);
      SynthesisFixtures.row(arr, "c0", v1, 0.80);
      // Same hardware as c0 (same genotype), lower accuracy: dominated by c0.
      SynthesisFixtures.row(arr, "c1", v1, 0.60);
      SynthesisFixtures.row(arr, "c2", SynthesisFixtures.invalidGenotype(), 0.70);
      // Failed evaluation: no accuracy, left out of the front.
      SynthesisFixtures.row(arr, "c3", SpaceJson.genotypeJson(PublishedGenotypes.V2), null);
      SynthesisFixtures.commitTable(st, "r1", arr.toString());
      // c1 was retrained to 0.95: now it is c0 that is dominated.
      new CandidateAccuracy(1, 0.95, null, 10, null).write(st, "r1", "c1");

      SynthesisSettings s = SynthesisSettings.of(SynthesisFixtures.settings("U250"));
      List<RunCandidates.Input> in =
          RunCandidates.read(st, "r1", true, Backbone.fromName("resnet34"));
      assertEquals(
          List.of("c0", "c1", "c2", "c3", "baseline"),
          in.stream().map(RunCandidates.Input::id).toList());
      // The baseline takes the candidates' backbone (resnet18), not the fallback.
      assertTrue(in.get(4).architectureJson().contains("resnet18"), in.get(4).architectureJson());
      assertEquals(RunCandidates.RETRAINED, in.get(1).accuracySource());
      assertEquals(0.95, in.get(1).top1());

      CandidateSelection.Selection sel =
          CandidateSelection.select(in, CandidateSelection.Mode.FRONT, s);
      assertEquals(
          List.of("c1", "c2", "baseline"),
          sel.selected().stream().map(RunCandidates.Input::id).toList());
      assertTrue(sel.left().get("c0").startsWith("dominated"), sel.left().toString());
      assertTrue(sel.left().get("c3").startsWith("no accuracy"), sel.left().toString());
      assertEquals(
          5, CandidateSelection.select(in, CandidateSelection.Mode.ALL, s).selected().size());
      // the pipeline synthesizes what it retrained: only c1 here (the baseline has no accuracy yet)
      CandidateSelection.Selection re =
          CandidateSelection.select(in, CandidateSelection.Mode.RETRAINED, s);
      assertEquals(List.of("c1"), re.selected().stream().map(RunCandidates.Input::id).toList());
      assertTrue(re.left().get("c0").startsWith("not retrained"), re.left().toString());
      assertEquals(4, re.left().size());
    }
  }

  @Test
  void badTablesAndSettingsNameTheProblem() throws Exception {
    try (Store st = new StoreSpec(tmp.toUri().toString(), Map.of()).open()) {
      IllegalArgumentException missing =
          assertThrows(
              IllegalArgumentException.class,
              () -> RunCandidates.read(st, "nope", true, Backbone.fromName("resnet18")));
      assertTrue(
          missing.getMessage().contains("runs/nope/candidates-table/candidates.json"),
          missing.getMessage());
      SynthesisFixtures.commitTable(st, "r2", "{\"id\": 1}");
      IllegalArgumentException notArray =
          assertThrows(
              IllegalArgumentException.class,
              () -> RunCandidates.read(st, "r2", true, Backbone.fromName("resnet18")));
      assertTrue(notArray.getMessage().contains("must be a JSON array"), notArray.getMessage());
    }
    assertEquals(
        "nash.hw.clock-ns = 0: must be in [0.5, 100.0]",
        assertThrows(
                IllegalArgumentException.class,
                () -> SynthesisSettings.of(Map.of(SynthesisSettings.CLOCK_NS, "0")))
            .getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> SynthesisSettings.of(Map.of(SynthesisSettings.DEVICES, "U999")))
            .getMessage()
            .startsWith("device = 'U999': allowed are"));
    assertEquals(
        "nash.hw.finn-command = 'finn build': must contain {dir}",
        assertThrows(
                IllegalArgumentException.class,
                () -> SynthesisSettings.of(Map.of(SynthesisSettings.FINN_COMMAND, "finn build")))
            .getMessage());
    assertEquals(
        "nash.hw.finn-outputs = 'estimate_reports,bitstream': generate_outputs entry 'bitstream':"
            + " allowed are [stitched_ip, estimate_reports, out_of_context_synth,"
            + " rtlsim_performance, bitfile, pynq_driver, deployment_package]",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    SynthesisSettings.of(
                        Map.of(SynthesisSettings.FINN_OUTPUTS, "estimate_reports,bitstream")))
            .getMessage());
    assertEquals(
        List.of("estimate_reports", "bitfile"),
        SynthesisSettings.of(Map.of(SynthesisSettings.FINN_OUTPUTS, " estimate_reports, bitfile"))
            .finnOptions()
            .generateOutputs());
    assertEquals(
        List.of("estimate_reports"),
        SynthesisSettings.of(Map.of()).finnOptions().generateOutputs());
    assertEquals(
        "select = 'best': allowed are front, all, retrained",
        assertThrows(IllegalArgumentException.class, () -> CandidateSelection.Mode.parse("best"))
            .getMessage());
    SynthesisSettings d =
        SynthesisSettings.of(Map.of(SynthesisSettings.DEVICES, "u250,ZCU104,U250"));
    assertEquals(List.of("U250", "ZCU104"), d.devices());
    assertTrue(d.fitDevice());
    assertEquals(5.0, d.clockNs());
  }

  @Test
  void aRerunWithOtherSynthesisSettingsIsRefusedAndLeavesTheUnits() throws Exception {
    StoreSpec spec = new StoreSpec(tmp.toUri().toString(), Map.of());
    Map<String, String> conf = SynthesisFixtures.settings("U250");
    try (Store st = spec.open()) {
      SynthesisFixtures.writeRun(st, "r1");
      io.nash.pipeline.SynthesisDriver driver =
          new io.nash.pipeline.SynthesisDriver(st, new LocalSynthesisEngine(spec));
      Backbone b = Backbone.fromName("resnet18");
      var first =
          driver.run("r1", SynthesisSettings.of(conf), CandidateSelection.Mode.ALL, false, b);
      assertEquals(3, first.committed());
      String unit = io.nash.store.RunLayout.hw("r1", "c0", "U250") + "/_COMMITTED";
      byte[] marker = st.get(unit).orElseThrow();
      // the same settings: nothing to do
      assertEquals(
          3,
          driver
              .run("r1", SynthesisSettings.of(conf), CandidateSelection.Mode.ALL, false, b)
              .skipped());
      conf.put(SynthesisSettings.CLOCK_NS, "4");
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  driver.run(
                      "r1", SynthesisSettings.of(conf), CandidateSelection.Mode.ALL, false, b));
      assertEquals(
          "run r1: 3 committed hardware units were synthesized with other settings:"
              + " c0/U250 (clockNs 5.0 -> 4.0), c1/U250 (clockNs 5.0 -> 4.0),"
              + " c2/U250 (clockNs 5.0 -> 4.0); synthesize with the recorded settings, or into"
              + " another run",
          e.getMessage());
      assertEquals(new String(marker), new String(st.get(unit).orElseThrow()), "units untouched");
    }
  }
}
