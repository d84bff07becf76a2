package io.nash.benchmarks;

import io.nash.pareto.Hypervolume;
import io.nash.pareto.Objective;
import io.nash.pareto.Objectives;
import io.nash.pareto.ParetoPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Time of the exact hypervolume ({@link Hypervolume#of}) on mutually non-dominated points (random
 * points of the simplex sum(p) = 1, reference 1.1 in every objective, all objectives minimized),
 * printed as one JSON line per (objectives, points): the median and the fastest of {@code
 * iterations} timed calls after {@code warmup} untimed ones, and the ratio of the median to that of
 * the previous point count (how the time grows with the front).
 *
 * <p>Arguments: {@code objectives(comma) points(comma) warmup iterations seed}.
 */
public final class HypervolumeBenchmark {
  private HypervolumeBenchmark() {}

  public static void main(String[] args) {
    int[] dims = ints(args.length > 0 ? args[0] : "3,4,5");
    int[] sizes = ints(args.length > 1 ? args[1] : "50,100,200");
    int warmup = Integer.parseInt(args.length > 2 ? args[2] : "10");
    int iters = Integer.parseInt(args.length > 3 ? args[3] : "15");
    long seed = Long.parseLong(args.length > 4 ? args[4] : "5");
    for (int m : dims) {
      double previous = Double.NaN;
      for (int n : sizes) {
        Objective[] os = new Objective[m];
        Map<String, Double> ref = new LinkedHashMap<>();
        for (int d = 0; d < m; d++) {
          os[d] = Objective.min("f" + d);
          ref.put("f" + d, 1.1);
        }
        Objectives objectives = Objectives.of(os);
        List<ParetoPoint> pts = simplex(new Random(seed), n, m);
        double hv = 0;
        for (int i = 0; i < warmup; i++) {
          hv = Hypervolume.of(pts, objectives, ref);
        }
        double[] ms = new double[iters];
        for (int i = 0; i < iters; i++) {
          long t0 = System.nanoTime();
          hv = Hypervolume.of(pts, objectives, ref);
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double median = ms[iters / 2];
        System.out.println(
            String.format(
                Locale.ROOT,
                "{\"bench\":\"hypervolume\",\"objectives\":%d,\"points\":%d,\"iterations\":%d,"
                    + "\"median_ms\":%.2f,\"min_ms\":%.2f,\"median_vs_previous_points\":%s,"
                    + "\"hypervolume\":%.9f}",
                m,
                n,
                iters,
                median,
                ms[0],
                Double.isNaN(previous)
                    ? "null"
                    : String.format(Locale.ROOT, "%.2f", median / previous),
                hv));
        previous = median;
      }
    }
  }

  private static List<ParetoPoint> simplex(Random r, int n, int m) {
    List<ParetoPoint> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] p = new double[m];
      double s = 0;
      for (int d = 0; d < m; d++) {
        p[d] = r.nextDouble();
        s += p[d];
      }
      Map<String, Double> v = new LinkedHashMap<>();
      for (int d = 0; d < m; d++) {
        v.put("f" + d, p[d] / s);
      }
      out.add(new ParetoPoint("p" + i, v));
    }
    return out;
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
  }
}
