package io.nash.pareto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Randomized cross-checks of the exact algorithms against brute-force definitions. */
class ParetoPropertyTest {

  static List<ParetoPoint> random(Random r, int n, Objectives o, String prefix) {
    List<ParetoPoint> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Double> v = new LinkedHashMap<>();
      for (String name : o.names()) {
        v.put(name, (double) r.nextInt(20)); // small integer grid: ties and duplicates happen
      }
      out.add(new ParetoPoint(prefix + i, v));
    }
    return out;
  }

  /** Inclusion-exclusion over all subsets: exact, exponential, independent of WFG. */
  static double inclusionExclusion(double[][] pts, double[] ref) {
    int n = pts.length;
    double total = 0;
    for (int mask = 1; mask < (1 << n); mask++) {
      double vol = 1;
      for (int d = 0; d < ref.length; d++) {
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          if ((mask & (1 << i)) != 0) {
            worst = Math.max(worst, pts[i][d]);
          }
        }
        vol *= Math.max(0, ref[d] - worst);
      }
      total += (Integer.bitCount(mask) % 2 == 1) ? vol : -vol;
    }
    return total;
  }

  @Test
  void wfgMatchesInclusionExclusion() {
    Random r = new Random(7);
    for (int m = 2; m <= 5; m++) {
      for (int trial = 0; trial < 20; trial++) {
        int n = 1 + r.nextInt(10);
        double[][] pts = new double[n][m];
        double[] ref = new double[m];
        java.util.Arrays.fill(ref, 10.0);
        for (double[] p : pts) {
          for (int d = 0; d < m; d++) {
            p[d] = r.nextInt(10);
          }
        }
        assertEquals(
            inclusionExclusion(pts, ref),
            Hypervolume.minimized(pts, ref),
            1e-9,
            "m=" + m + " n=" + n);
      }
    }
  }

  @Test
  void frontRankZeroIsExactlyTheUndominatedSet() {
    Random r = new Random(11);
    Objectives o = Objectives.DEFAULT;
    List<ParetoPoint> pts = random(r, 60, o, "p");
    ParetoAnalysis a = ParetoAnalysis.of(o, pts);
    for (ParetoPoint p : pts) {
      boolean dominated = pts.stream().anyMatch(q -> o.dominates(q, p));
      assertEquals(!dominated, a.ranks().get(p.id()) == 0, p.id());
      // a point of rank k > 0 is dominated by some point of rank k - 1
      int k = a.ranks().get(p.id());
      if (k > 0) {
        assertTrue(pts.stream().anyMatch(q -> a.ranks().get(q.id()) == k - 1 && o.dominates(q, p)));
      }
    }
  }

  @Test
  void incrementalMergeEqualsFromScratch() {
    Random r = new Random(3);
    Objectives o = Objectives.DEFAULT;
    List<ParetoPoint> all = new ArrayList<>();
    List<ParetoPoint> front = List.of();
    for (int batch = 0; batch < 6; batch++) {
      List<ParetoPoint> added = random(r, 25, o, "b" + batch + "-");
      all.addAll(added);
      front = ParetoMerge.merge(o, front, added).front();
      assertEquals(
          ParetoAnalysis.of(o, all).frontIds(), front.stream().map(ParetoPoint::id).toList());
    }
    // Re-merging known points is harmless; a changed value for a known id is refused.
    List<ParetoPoint> last = front;
    assertEquals(new HashSet<>(last), new HashSet<>(ParetoMerge.merge(o, last, last).front()));
    ParetoPoint changed = new ParetoPoint(last.get(0).id(), Map.of("accuracy", -1.0));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ParetoMerge.merge(o, last, List.of(changed)));
    assertTrue(e.getMessage().contains("write-once"), e.getMessage());
  }

  @Test
  void fiveObjectives200PointsIsFast() {
    // Points on a simplex-like surface so most are mutually non-dominated (the hard case).
    Random r = new Random(5);
    int n = 200;
    double[][] pts = new double[n][5];
    for (double[] p : pts) {
      double s = 0;
      for (int d = 0; d < 5; d++) {
        p[d] = r.nextDouble();
        s += p[d];
      }
      for (int d = 0; d < 5; d++) {
        p[d] /= s;
      }
    }
    double[] ref = {1.1, 1.1, 1.1, 1.1, 1.1};
    long t0 = System.nanoTime();
    double hv = Hypervolume.minimized(pts, ref);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    // bounded by the reference box and by the sum of individual boxes
    assertTrue(hv > 0 && hv < Math.pow(1.1, 5), "hv=" + hv);
    assertTrue(ms < 20_000, "took " + ms + " ms");
    System.out.println("5-D hypervolume of 200 points: " + ms + " ms");
  }
}
