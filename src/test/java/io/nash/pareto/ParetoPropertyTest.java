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

  /** {@code n} points on the simplex sum(p) = 1 in {@code m} dimensions: mutually non-dominated. */
  static double[][] simplex(Random r, int n, int m) {
    double[][] pts = new double[n][m];
    for (double[] p : pts) {
      double s = 0;
      for (int d = 0; d < m; d++) {
        p[d] = r.nextDouble();
        s += p[d];
      }
      for (int d = 0; d < m; d++) {
        p[d] /= s;
      }
    }
    return pts;
  }

  @Test
  void fiveObjectives200SimplexPointsAreBoundedAndOrderFree() {
    // Points on a simplex-like surface so most are mutually non-dominated (the hard case; its
    // speed is measured by benchmarks/hypervolume.sh).
    Random r = new Random(5);
    double[][] pts = simplex(r, 200, 5);
    double[] ref = {1.1, 1.1, 1.1, 1.1, 1.1};
    double hv = Hypervolume.minimized(pts, ref);
    // bounded by the reference box and by the sum of individual boxes
    assertTrue(hv > 0 && hv < Math.pow(1.1, 5), "hv=" + hv);
    double boxes = 0;
    double largestBox = 0;
    for (double[] p : pts) {
      double box = 1;
      for (int d = 0; d < 5; d++) {
        box *= ref[d] - p[d];
      }
      boxes += box;
      largestBox = Math.max(largestBox, box);
    }
    assertTrue(hv >= largestBox && hv <= boxes, "hv=" + hv);
    // the same set in another point order and another objective order has the same volume
    int[] perm = {3, 0, 4, 2, 1};
    double[][] shuffled = new double[pts.length][];
    for (int i = 0; i < pts.length; i++) {
      double[] p = pts[(i * 7) % pts.length]; // 7 is coprime to 200: a permutation of the points
      shuffled[i] = new double[5];
      for (int d = 0; d < 5; d++) {
        shuffled[i][d] = p[perm[d]];
      }
    }
    assertEquals(hv, Hypervolume.minimized(shuffled, ref), 1e-12 * hv);
  }

  @Test
  void fiveObjectives200PointsKnownAnswer() {
    // The product of a 2-D front A and a 3-D front B: the region {a} x {b} dominates is the
    // product of the regions, so HV(A x B) = HV(A) * HV(B), and no point of A x B dominates
    // another. A: the staircase (i/20, (19-i)/20), reference (1, 1): HV = sum over the 20 steps
    // of (1/20) * (i+1)/20 = 21/40. B: 10 points of the simplex, HV by inclusion-exclusion.
    int na = 20;
    double[][] a = new double[na][];
    for (int i = 0; i < na; i++) {
      a[i] = new double[] {i / (double) na, (na - 1 - i) / (double) na};
    }
    assertEquals(21.0 / 40, Hypervolume.minimized(a, new double[] {1, 1}), 1e-15);
    double[][] b = simplex(new Random(9), 10, 3);
    double[] refB = {1.1, 1.1, 1.1};
    double hvB = inclusionExclusion(b, refB);
    // objectives interleaved (b0, a0, b1, a1, b2) so the sweep objective is not A's
    double[][] pts = new double[na * b.length][];
    int k = 0;
    for (double[] pa : a) {
      for (double[] pb : b) {
        pts[k++] = new double[] {pb[0], pa[0], pb[1], pa[1], pb[2]};
      }
    }
    double[] ref = {1.1, 1, 1.1, 1, 1.1};
    assertEquals(200, Hypervolume.nonDominated(java.util.Arrays.asList(pts)).size());
    double expected = 21.0 / 40 * hvB;
    assertEquals(expected, Hypervolume.minimized(pts, ref), 1e-12 * expected);
  }
}
