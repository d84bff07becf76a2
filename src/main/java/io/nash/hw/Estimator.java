package io.nash.hw;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FINN's estimate analyses over a folded graph (section 2): per node {@code get_exp_cycles} and
 * {@code node_res_estimation}, the totals, and {@code dataflow_performance}: critical path = the
 * longest sum of node cycles along any path, max cycles and its first node (strict {@code >}), fps
 * {@code = (1e9/clk)/max_cycles}, latency {@code = critical_path * clk}. Stateless; thread-safe.
 */
public final class Estimator {
  private Estimator() {}

  public static HwReport estimate(HwGraph g, DspType dsp, double clockNs) {
    if (!(clockNs > 0)) {
      throw new IllegalArgumentException("clock-ns = " + clockNs + ": must be > 0");
    }
    Map<String, Long> cycles = new LinkedHashMap<>();
    Map<String, Resources> res = new LinkedHashMap<>();
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    Resources total = Resources.ZERO;
    List<HwGraph.Node> nodes = g.nodes();
    long[] c = new long[nodes.size()];
    for (HwGraph.Node n : nodes) {
      c[n.index()] = n.op().cycles();
      cycles.put(n.name(), c[n.index()]);
      Resources r = n.op().resources(dsp);
      res.put(n.name(), r);
      total = total.plus(r);
      counts.put(n.name(), n.op().opAndParamCounts());
    }
    Perf p = performance(c, g.predecessorTable());
    return new HwReport(
        cycles,
        res,
        total,
        counts,
        p.critical,
        p.max,
        p.maxIndex < 0 ? "" : nodes.get(p.maxIndex).name(),
        FinnCost.fps(clockNs, p.max),
        FinnCost.latencyNs(clockNs, p.critical));
  }

  record Perf(long critical, long max, int maxIndex) {}

  /** {@code dataflow_performance}: nodes are in topological order, -1 predecessors are inputs. */
  static Perf performance(long[] cycles, int[][] preds) {
    long[] lat = new long[cycles.length];
    long critical = 0;
    long max = 0;
    int maxIndex = -1;
    for (int i = 0; i < cycles.length; i++) {
      long before = 0;
      for (int p : preds[i]) {
        if (p >= 0) {
          before = Math.max(before, lat[p]);
        }
      }
      lat[i] = cycles[i] + before;
      critical = Math.max(critical, lat[i]);
      if (cycles[i] > max || maxIndex < 0) {
        max = cycles[i];
        maxIndex = i;
      }
    }
    return new Perf(critical, max, maxIndex);
  }
}
