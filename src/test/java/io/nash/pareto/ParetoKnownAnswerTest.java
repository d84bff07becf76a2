package io.nash.pareto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParetoKnownAnswerTest {
  static final Objectives ACC_LUT = Objectives.parse("accuracy:max,LUT:min");

  static ParetoPoint p(String id, double acc, double lut) {
    return new ParetoPoint(id, Map.of("accuracy", acc, "LUT", lut));
  }

  static ParetoPoint p3(String id, double acc, double lut, double dsp) {
    return new ParetoPoint(id, Map.of("accuracy", acc, "LUT", lut, "DSP", dsp));
  }

  // A(.9,100) B(.8,50) are non-dominated; C(.85,120) is dominated by A, D(.7,60) by B;
  // E(.6,130) is dominated by C and D as well, so it sits on rank 2.
  static final List<ParetoPoint> FIVE =
      List.of(p("A", .9, 100), p("B", .8, 50), p("C", .85, 120), p("D", .7, 60), p("E", .6, 130));

  @Test
  void ranksAndFront() {
    ParetoAnalysis a = ParetoAnalysis.of(ACC_LUT, FIVE);
    assertEquals(List.of("A", "B"), a.frontIds());
    assertEquals(Map.of("A", 0, "B", 0, "C", 1, "D", 1, "E", 2), a.ranks());
    assertTrue(ACC_LUT.dominates(FIVE.get(0), FIVE.get(2)));
    assertFalse(ACC_LUT.dominates(FIVE.get(0), FIVE.get(1)));
  }

  @Test
  void hypervolume2dByHand() {
    // Reference (accuracy .5, LUT 150). Boxes: A = (.9-.5)*(150-100) = 20,
    // B = (.8-.5)*(150-50) = 30, overlap = (.8-.5)*(150-100) = 15 -> 20 + 30 - 15 = 35.
    Map<String, Double> ref = Map.of("accuracy", .5, "LUT", 150.0);
    assertEquals(35.0, Hypervolume.of(FIVE, ACC_LUT, ref), 1e-9);
    assertEquals(35.0, ParetoAnalysis.of(ACC_LUT, FIVE).hypervolume(ref), 1e-9);
    // A point on the reference boundary (LUT 150) is not strictly inside: adds nothing.
    assertEquals(
        35.0,
        Hypervolume.of(List.of(FIVE.get(0), FIVE.get(1), p("F", .99, 150)), ACC_LUT, ref),
        1e-9);
  }

  @Test
  void hypervolume3dByHand() {
    Objectives o = Objectives.parse("accuracy:max,LUT:min,DSP:min");
    Map<String, Double> ref = Map.of("accuracy", .5, "LUT", 4.0, "DSP", 4.0);
    // X box .4*2*3 = 2.4, Y box .3*3*2 = 1.8, X∩Y = .3*(4-2)*(4-2) = 1.2 -> 3.0
    ParetoPoint x = p3("X", .9, 2, 1);
    ParetoPoint y = p3("Y", .8, 1, 2);
    assertEquals(3.0, Hypervolume.of(List.of(x, y), o, ref), 1e-9);
    // Z box .2*1*4 = .8; Z∩X = .2*1*3 = .6; Z∩Y = .2*1*2 = .4; X∩Y∩Z = .2*1*2 = .4
    // 2.4 + 1.8 + .8 - 1.2 - .6 - .4 + .4 = 3.2
    ParetoPoint z = p3("Z", .7, 3, 0);
    assertEquals(3.2, Hypervolume.of(List.of(x, y, z), o, ref), 1e-9);
  }

  @Test
  void crowdingByHand() {
    // Four mutually non-dominated points. accuracy (minimized as -acc), range .4:
    //   P2 = (.9 - .7)/.4 = .5, P3 = (.8 - .5)/.4 = .75.
    // LUT sorted 100,150,200,400, range 300: P3 = (200-100)/300 = 1/3, P2 = (400-150)/300 = 5/6.
    // P2 = .5 + 5/6, P3 = .75 + 1/3; extremes P1, P4 are infinite.
    List<ParetoPoint> pts =
        List.of(p("P1", .9, 400), p("P2", .8, 200), p("P3", .7, 150), p("P4", .5, 100));
    ParetoAnalysis a = ParetoAnalysis.of(ACC_LUT, pts);
    assertEquals(4, a.front().size());
    assertEquals(0.5 + 5.0 / 6, a.crowding().get("P2"), 1e-12);
    assertEquals(0.75 + 1.0 / 3, a.crowding().get("P3"), 1e-12);
    assertEquals(Double.POSITIVE_INFINITY, a.crowding().get("P1"));
    assertEquals(Double.POSITIVE_INFINITY, a.crowding().get("P4"));
  }

  @Test
  void duplicatesAreBothKeptAndCountedOnceInVolume() {
    List<ParetoPoint> pts = List.of(p("A", .9, 100), p("A2", .9, 100), p("B", .8, 50));
    ParetoAnalysis a = ParetoAnalysis.of(ACC_LUT, pts);
    assertEquals(List.of("A", "A2", "B"), a.frontIds());
    assertEquals(35.0, a.hypervolume(Map.of("accuracy", .5, "LUT", 150.0)), 1e-9);
  }

  @Test
  void nanAndMissingAreExcludedWithReason() {
    ParetoPoint bad = p("N", Double.NaN, 1);
    ParetoPoint missing = new ParetoPoint("M", Map.of("accuracy", 1.0));
    ParetoAnalysis a = ParetoAnalysis.of(ACC_LUT, List.of(p("A", .9, 100), bad, missing));
    assertEquals(List.of("A"), a.frontIds());
    assertEquals(2, a.excluded().size());
    assertEquals("objective accuracy is NaN", a.excluded().get(0).reason());
    assertEquals("objective LUT is missing", a.excluded().get(1).reason());
    assertFalse(a.ranks().containsKey("N"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Hypervolume.of(List.of(bad), ACC_LUT, Map.of("accuracy", 0.0, "LUT", 9.0)));
    assertTrue(e.getMessage().contains("N") && e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void parsingAndValidation() {
    Objectives o = Objectives.parse(" accuracy:max , LUT:min,fps:up");
    assertEquals("accuracy:max,LUT:min,fps:max", o.toString());
    assertEquals(Objectives.DEFAULT, Objectives.parse(""));
    assertEquals(
        "accuracy:max,LUT:min,BRAM_18K:min,DSP:min,fps:max", Objectives.DEFAULT.toString());
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> Objectives.parse("accuracy:best"));
    assertTrue(bad.getMessage().contains("'best' must be max or min"), bad.getMessage());
    IllegalArgumentException twice =
        assertThrows(IllegalArgumentException.class, () -> Objectives.parse("LUT:min,LUT:max"));
    assertTrue(twice.getMessage().contains("'LUT' appears twice"), twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Objectives.parse("accuracy"));
    IllegalArgumentException ref =
        assertThrows(
            IllegalArgumentException.class,
            () -> Hypervolume.of(FIVE, ACC_LUT, Map.of("accuracy", .5)));
    assertTrue(ref.getMessage().contains("reference LUT = null"), ref.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ParetoAnalysis.of(ACC_LUT, List.of(p("A", 1, 1), p("A", 1, 2))));
  }

  @Test
  void referenceFromWorst() {
    // worst accuracy .6, range .3 -> .6 - .1*.3 = .57; worst LUT 130, range 80 -> 138
    Map<String, Double> ref = ParetoMerge.referenceFromWorst(FIVE, ACC_LUT, 0.1);
    assertEquals(.57, ref.get("accuracy"), 1e-12);
    assertEquals(138.0, ref.get("LUT"), 1e-12);
  }
}
