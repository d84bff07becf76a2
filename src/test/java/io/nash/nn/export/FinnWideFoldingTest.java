package io.nash.nn.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.nash.hw.FinnCost;
import io.nash.hw.FinnRunner;
import io.nash.hw.HwGraph;
import io.nash.hw.HwOp;
import io.nash.hw.HwReport;
import io.nash.hw.Mvau;
import io.nash.hw.SetFolding;
import io.nash.space.Architecture;
import io.nash.space.ImageShape;
import io.nash.space.PublishedGenotypes;
import io.nash.space.QuantSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Foldings past FINN's weight-stream rule ({@code W * SIMD <= mvau_wwidth_max = 36}) through FINN's
 * own flow, with the equalities of {@link FinnFlowTest}: FINN ends with our layers and attributes,
 * and its per-layer cycles, LUT, BRAM_18K, URAM and DSP equal ours.
 *
 * <p>V1 at 3x64x64 has the 7x7/2 stem (MW = 147). The resource-aware folding at a high target folds
 * it and other MVAUs wide; on top, the stem is set to SIMD 49 with embedded weights and the next
 * MVAU to SIMD = MW with LUTRAM weights (decoupled), so both memory modes are built beyond the
 * rule.
 */
@Tag("finn")
class FinnWideFoldingTest {
  static FinnRunner finn;

  @TempDir static Path root;

  @BeforeAll
  static void locateFinn() {
    finn = FinnFolders.finn(Duration.ofMinutes(20));
  }

  /** The stem at SIMD 49, PE = MH, embedded; the second MVAU at SIMD = MW, LUTRAM decoupled. */
  static HwGraph widen(HwGraph g) {
    List<HwOp> ops = new ArrayList<>(g.ops());
    int seen = 0;
    for (int i = 0; i < ops.size() && seen < 2; i++) {
      if (ops.get(i) instanceof Mvau m) {
        ops.set(
            i,
            seen == 0
                ? m.withFold(m.mh(), 49, false).withMemory(FinnCost.EMBEDDED, "auto")
                : m.withFold(m.pe(), m.mw(), false).withMemory(FinnCost.DECOUPLED, "distributed"));
        seen++;
      }
    }
    return g.withOps(ops);
  }

  @Test
  void wideStemAndWideDecoupledMvauEqualFinn() throws Exception {
    Path dir = root.resolve("v1-64-wide");
    FinnFolders.Design design;
    try (NDManager m = NDManager.newBaseManager()) {
      design =
          FinnFolders.write(
              m,
              dir,
              Architecture.of(PublishedGenotypes.V1),
              QuantSpec.NASH_PAPER,
              4,
              new ImageShape(3, 64, 64),
              10,
              "U250",
              1e6,
              7,
              FinnWideFoldingTest::widen);
    }
    // the design is past the rule, in both memory modes, and FINN can build it
    int widest = 0;
    int wide = 0;
    List<String> modes = new ArrayList<>();
    for (HwOp op : design.graph().ops()) {
      if (op instanceof Mvau v) {
        assertTrue(v.buildable(), v.toString());
        widest = Math.max(widest, v.weightWidthPerPe());
        if (v.weightWidthPerPe() > SetFolding.DEFAULT_MVAU_WWIDTH_MAX) {
          wide++;
          modes.add(v.memMode());
        }
      }
    }
    Mvau stem =
        (Mvau) design.graph().ops().stream().filter(o -> o instanceof Mvau).findFirst().get();
    assertEquals(147, stem.mw());
    assertEquals(49, stem.simd());
    assertTrue(modes.contains(FinnCost.EMBEDDED) && modes.contains(FinnCost.DECOUPLED), "" + modes);
    // the build config admits the widest weight word
    JsonNode cfg = FinnFlowTest.JSON.readTree(dir.resolve("dataflow_build_config.json").toFile());
    assertEquals(widest, cfg.get("mvau_wwidth_max").asInt());

    long t0 = System.nanoTime();
    HwReport theirs = finn.run(dir);
    double s = (System.nanoTime() - t0) / 1e9;
    FinnFlowTest.check(
        new FinnFlowTest.Build(dir, "v1 3x64x64 width 4, folded wide", design.report(), theirs, s));
    System.out.printf(
        "wide folding: %d MVAUs past W*SIMD = 36 (widest %d bits), stem SIMD %d PE %d %s, %d"
            + " cycles; FINN max cycles %d%n",
        wide, widest, stem.simd(), stem.pe(), stem.memMode(), stem.cycles(), theirs.maxCycles());
  }
}
