package io.nash.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.hw.FinnComparison;
import io.nash.hw.FinnRunner;
import io.nash.hw.HwReport;
import io.nash.pareto.Objectives;
import io.nash.pareto.ParetoAnalysis;
import io.nash.pareto.ParetoPoint;
import io.nash.pipeline.ResultPoints;
import io.nash.report.ReportPage;
import io.nash.space.PublishedGenotypes;
import io.nash.space.SpaceJson;
import io.nash.store.CandidateResult;
import io.nash.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result row of a FINN build, from two hand-made report sets (no FINN runs): FINN's figures,
 * BRAM_18K = FINN's total + the Thresholding_rtl BRAM it leaves out, FINN's own total and our
 * estimate; through result.json, the Pareto point and the report's side-by-side cells.
 */
class FinnRowTest {
  @TempDir Path tmp;

  HwReport reports(String name, int thrBram, int lut, double totalBram, double fps)
      throws Exception {
    Path d = Files.createDirectories(tmp.resolve(name));
    Files.writeString(
        d.resolve("estimate_layer_cycles.json"),
        "{\"MVAU_hls_0\": 1000, \"Thresholding_rtl_0\": 9}");
    Files.writeString(
        d.resolve("estimate_layer_resources.json"),
        """
        {"MVAU_hls_0": {"BRAM_18K": 7, "BRAM_efficiency": 0.5, "LUT": %d, "URAM": 1,
          "URAM_efficiency": 1, "DSP": 3},
         "Thresholding_rtl_0": {"BRAM_18K": %d, "BRAM_efficiency": 1, "LUT": 300, "URAM": 0,
          "URAM_efficiency": 1, "DSP": 0},
         "total": {"BRAM_18K": %s, "LUT": %d, "URAM": 1.0, "DSP": 3.0}}
        """
            .formatted(lut, thrBram, totalBram, lut + 300));
    Files.writeString(
        d.resolve("estimate_network_performance.json"),
        """
        {"critical_path_cycles": 1009, "max_cycles": 1000, "max_cycles_node_name": "MVAU_hls_0",
         "estimated_throughput_fps": %s, "estimated_latency_ns": 5045.0}
        """
            .formatted(fps));
    return FinnRunner.readReports(d);
  }

  @Test
  void theRowCarriesFinnsFiguresTheRightBramAndOurs() throws Exception {
    HwReport ours = reports("ours", 4, 1234, 11, 200000.0);
    HwReport finn = reports("finn", 0, 1200, 7, 200000.0);
    FinnComparison cmp = FinnComparison.compare(ours, finn);
    SynthesisJob job =
        new SynthesisJob(
            "r1",
            "c0",
            SpaceJson.genotypeJson(PublishedGenotypes.V1),
            "U250",
            0.8,
            0.9,
            RunCandidates.RETRAINED);
    CandidateResult r =
        CandidateSynthesis.finnRow(
            job, SpaceJson.parseArchitecture(job.architectureJson()), ours, finn, cmp);
    assertEquals(CandidateResult.OK, r.status());
    assertEquals("finn", r.source());
    assertEquals(200000.0, r.fps());
    assertEquals(0.005045, r.latencyMs(), 1e-15);
    assertEquals(1500.0, r.lut()); // FINN's
    assertEquals(11.0, r.bram18k()); // FINN's 7 + the Thresholding_rtl_0's 4
    assertEquals(7.0, r.finnBram18k());
    assertEquals(1.0, r.uram());
    assertEquals(3.0, r.dsp());
    CandidateResult.Figures e = r.estimate().orElseThrow();
    assertEquals(200000.0, e.fps());
    assertEquals(0.005045, e.latencyMs(), 1e-15);
    assertEquals(1534.0, e.lut()); // ours: 1234 + 300
    assertEquals(11.0, e.bram18k());
    assertEquals(1.0, e.uram());
    assertEquals(3.0, e.dsp());
    assertEquals(0.8, r.top1());
    assertEquals(0.9, r.top5());

    // result.json: the new fields by name, and back
    byte[] json = Store.toJson(r);
    var tree = new ObjectMapper().readTree(json);
    assertEquals(7.0, tree.get("finnBRAM_18K").asDouble());
    assertEquals(1534.0, tree.get("estimateLUT").asDouble());
    assertEquals(11.0, tree.get("estimateBRAM_18K").asDouble());
    assertEquals(11.0, tree.get("BRAM_18K").asDouble());
    assertEquals(r, new ObjectMapper().readValue(json, CandidateResult.class));
    // an estimate row has none of them, and an old row without them reads as before
    CandidateResult est =
        CandidateResult.ok(
            "r1", "c1", "U250", "v1", "resnet18", "g", "estimate", .5, 1, 1, 1, 1, 1, 1);
    assertTrue(new ObjectMapper().readTree(Store.toJson(est)).get("estimateLUT") == null);
    assertNull(est.finnBram18k());
    assertTrue(est.estimate().isEmpty());

    // the Pareto point and the report's cells
    ParetoPoint p = ResultPoints.toPoint(r);
    assertEquals(11.0, p.value(Objectives.BRAM));
    assertEquals(7.0, p.attributes().get("finnBRAM_18K"));
    assertEquals(1534.0, p.attributes().get("estimateLUT"));
    List<ParetoPoint> pts = List.of(p);
    String html =
        ReportPage.html(
            "t", pts, ParetoAnalysis.of(Objectives.parse("accuracy:max,LUT:min"), pts), "r/");
    assertTrue(
        html.contains("<td class=\"vs\" data-finn=\"1500\" data-ours=\"1534\">1500 / 1534</td>"),
        html);
    assertTrue(html.contains("data-finn=\"7\" data-ours=\"11\" title=\"front and plot: 11"), html);
    assertTrue(
        html.contains("<td class=\"vs\" data-finn=\"200000\" data-ours=\"200000\">200000 / 200000"),
        html);
  }
}
