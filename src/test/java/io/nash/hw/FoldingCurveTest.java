package io.nash.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.space.Architecture;
import io.nash.space.ImageShape;
import io.nash.space.PublishedGenotypes;
import io.nash.space.QuantSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The curve of {@code nash estimate --curve}: from SetFolding's point to the best design. */
class FoldingCurveTest {
  /** V1 with 1-bit backbone weights at 32 px, where SetFolding's designs fit too. */
  static HardwareEstimate v1(String device) {
    return HardwareEstimator.estimate(
        Architecture.of(PublishedGenotypes.V1),
        QuantSpec.BASELINE_PAPER,
        ImageShape.parse("3x32x32"),
        10,
        DeviceCatalog.builtIn().get(device),
        5.0,
        FoldingGoal.ofFitDevice());
  }

  @Test
  void runsFromSetFoldingsPointToTheBestDesign() throws Exception {
    HardwareEstimate e = v1("U250");
    assertTrue(e.fits() && e.setFoldingFits(), "both fit a U250 at 32 px");
    List<FoldingCurve.Point> pts = FoldingCurve.points(e);
    FoldingCurve.Point sf = pts.get(0);
    assertEquals("setfolding", sf.source());
    assertEquals(e.setFolding().fps(), sf.fps());
    assertEquals(e.setFolding().maxCycles(), sf.maxCycles());
    double prev = sf.fps();
    for (FoldingCurve.Point p : pts.subList(1, pts.size())) {
      assertEquals("resource-aware", p.source());
      assertTrue(p.fps() >= prev, p + " after " + prev);
      assertTrue(p.total().fitsIn(e.budget()), p.toString());
      prev = p.fps();
    }
    FoldingCurve.Point best = pts.get(pts.size() - 1);
    assertEquals(e.fps(), best.fps(), 1e-9);
    assertEquals(e.total().lut(), best.total().lut());
    // every curve point of ours below SetFolding's fps is left out, and only those
    long below = e.curve().stream().filter(p -> p.fps() < sf.fps()).count();
    assertEquals(e.curve().size() - below, pts.size() - 1);

    // JSON lines: one per point, with the counts and shares of the device's capacity
    String jl = FoldingCurve.jsonLines(List.of(e));
    String[] lines = jl.split("\n");
    assertEquals(pts.size(), lines.length);
    JsonNode last = new ObjectMapper().readTree(lines[lines.length - 1]);
    assertEquals("U250", last.get("device").asText());
    assertEquals(best.maxCycles(), last.get("max_cycles").asLong());
    assertEquals(best.total().dsp(), last.get("DSP").asDouble());
    assertEquals(best.total().dsp() / 11520.0, last.get("DSP_share").asDouble(), 1e-12);

    // the table: a header, SetFolding's row, thinned rows of ours, always the best one
    String[] rows = FoldingCurve.table(List.of(e)).split("\n");
    assertTrue(rows[0].startsWith("device"));
    assertTrue(rows[1].startsWith("U250       setfolding"), rows[1]);
    String bestRow = rows[rows.length - 1];
    assertTrue(bestRow.contains(String.format(java.util.Locale.ROOT, "%.2f", e.fps())), bestRow);
    assertTrue(rows.length - 2 <= pts.size() - 1);
  }

  @Test
  void aDesignThatFitsNowhereIsOneRowMarkedSo() {
    // nash-paper V1 at 224 px does not fit a Pynq-Z1 even fully folded
    HardwareEstimate e =
        HardwareEstimator.estimate(
            Architecture.of(PublishedGenotypes.V1),
            QuantSpec.NASH_PAPER,
            ImageShape.parse("3x224x224"),
            1000,
            DeviceCatalog.builtIn().get("Pynq-Z1"),
            10.0,
            FoldingGoal.ofFitDevice());
    assertTrue(!e.fits());
    List<FoldingCurve.Point> pts = FoldingCurve.points(e);
    assertEquals(2, pts.size());
    assertTrue(!pts.get(1).fits());
    assertTrue(FoldingCurve.table(List.of(e)).strip().endsWith("no"));
  }
}
