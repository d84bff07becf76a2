package io.nash.hw;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Our estimate of a design next to a real FINN build's reports of the same design, layer by layer
 * (cycles, LUT, BRAM_18K, URAM, DSP), in totals and in network performance; written as {@code
 * finn-build/comparison.json} of a synthesis unit. Immutable and thread-safe.
 *
 * <p>Known difference: FINN v0.10.1 reports 0 BRAM for Thresholding_rtl layers (its {@code
 * get_memory_estimate} files the count under the key {@code "BRAM18"} while {@code bram_estimation}
 * reads {@code "BRAM"}); ours is the physically right count. A Thresholding_rtl layer (name {@code
 * Thresholding_rtl_*}) for which FINN reports 0 BRAM_18K and we report more is {@code equal} if
 * everything else matches, and the BRAM difference is listed under {@code known_differences} with
 * that reason. {@link #rowBram18k()} is FINN's BRAM total plus that left-out BRAM, the count the
 * result row carries. Values compare equal within a relative 1e-9.
 *
 * <p>Layout of {@link #toMap()} (snake_case keys, FINN's metric names):
 *
 * <pre>
 * {"schema": 1, "equal": bool, "layers_compared": n, "layers_equal": n,
 *  "finn_BRAM_18K": FINN's total, "thresholding_BRAM_18K_left_out": x, "row_BRAM_18K": FINN's + x,
 *  "known_differences": [{"layer", "metric", "ours", "finn", "reason"}],
 *  "layers": [{"name", "ours": {cycles, LUT, BRAM_18K, URAM, DSP} | null, "finn": {...} | null,
 *              "equal", "differences": [metric...], "known_differences": [{"metric", ...}]}],
 *  "total": {"ours": {LUT, BRAM_18K, URAM, DSP}, "finn": {...}, "equal", "differences",
 *            "known_differences"},
 *  "network": {"ours": {max_cycles, critical_path_cycles, estimated_throughput_fps,
 *              estimated_latency_ns, max_cycles_node_name}, "finn": {...}, "equal", "differences"}}
 * </pre>
 *
 * A metric missing on one side is null there and counts as a difference; a layer only one report
 * has is not equal ({@code differences: ["missing in finn"]} or {@code ["missing in ours"]}).
 */
public final class FinnComparison {
  /** Why our Thresholding_rtl BRAM differs from FINN v0.10.1's. */
  public static final String THRESHOLDING_BRAM_REASON =
      "FINN v0.10.1 reports 0 BRAM for Thresholding_rtl layers: its get_memory_estimate files the"
          + " count under key \"BRAM18\" while bram_estimation reads \"BRAM\"; ours is the"
          + " physically right count";

  /** The per-layer metrics compared, in this order. */
  public static final List<String> LAYER_METRICS =
      List.of("cycles", "LUT", "BRAM_18K", "URAM", "DSP");

  private static final List<String> TOTAL_METRICS = List.of("LUT", "BRAM_18K", "URAM", "DSP");
  private static final List<String> NETWORK_METRICS =
      List.of(
          "max_cycles", "critical_path_cycles", "estimated_throughput_fps", "estimated_latency_ns");

  private final Map<String, Object> map;
  private final boolean equal;
  private final double finnBram18k;
  private final double leftOut;

  private FinnComparison(
      Map<String, Object> map, boolean equal, double finnBram18k, double leftOut) {
    this.map = map;
    this.equal = equal;
    this.finnBram18k = finnBram18k;
    this.leftOut = leftOut;
  }

  /** Compares our report of a design with FINN's report of the same design. */
  public static FinnComparison compare(HwReport ours, HwReport finn) {
    Set<String> names = new LinkedHashSet<>();
    names.addAll(ours.layerCycles().keySet());
    names.addAll(ours.layerResources().keySet());
    names.addAll(finn.layerCycles().keySet());
    names.addAll(finn.layerResources().keySet());
    List<Object> layers = new ArrayList<>();
    List<Object> known = new ArrayList<>();
    int layersEqual = 0;
    double leftOut = 0;
    boolean allEqual = true;
    for (String name : names) {
      Map<String, Double> o = layer(ours, name);
      Map<String, Double> f = layer(finn, name);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", name);
      e.put("ours", o == null ? null : numbers(o));
      e.put("finn", f == null ? null : numbers(f));
      List<String> diffs = new ArrayList<>();
      List<Object> layerKnown = new ArrayList<>();
      if (o == null || f == null) {
        diffs.add(o == null ? "missing in ours" : "missing in finn");
      } else {
        for (String m : LAYER_METRICS) {
          Double a = o.get(m), b = f.get(m);
          if (same(a, b)) {
            continue;
          }
          if (m.equals("BRAM_18K")
              && isThresholdingRtl(name)
              && a != null
              && a > 0
              && b != null
              && b == 0) {
            layerKnown.add(known(null, m, a, b, THRESHOLDING_BRAM_REASON));
            known.add(known(name, m, a, b, THRESHOLDING_BRAM_REASON));
            leftOut += a;
          } else {
            diffs.add(m);
          }
        }
      }
      boolean eq = diffs.isEmpty();
      e.put("equal", eq);
      e.put("differences", diffs);
      e.put("known_differences", layerKnown);
      layers.add(e);
      if (eq) {
        layersEqual++;
      } else {
        allEqual = false;
      }
    }

    Map<String, Double> ot = ours.total().counts(), ft = finn.total().counts();
    List<String> totalDiffs = new ArrayList<>();
    List<Object> totalKnown = new ArrayList<>();
    for (String m : TOTAL_METRICS) {
      double a = ot.get(m), b = ft.get(m);
      if (same(a, b)) {
        continue;
      }
      if (m.equals("BRAM_18K") && leftOut > 0 && same(a, b + leftOut)) {
        totalKnown.add(
            known(
                null,
                m,
                a,
                b,
                "FINN's total lacks the "
                    + num(leftOut)
                    + " BRAM_18K of its Thresholding_rtl layers ("
                    + THRESHOLDING_BRAM_REASON
                    + ")"));
      } else {
        totalDiffs.add(m);
      }
    }
    Map<String, Object> total = new LinkedHashMap<>();
    total.put("ours", numbers(ot));
    total.put("finn", numbers(ft));
    total.put("equal", totalDiffs.isEmpty());
    total.put("differences", totalDiffs);
    total.put("known_differences", totalKnown);
    allEqual &= totalDiffs.isEmpty();

    Map<String, Double> on = network(ours), fn = network(finn);
    List<String> netDiffs = new ArrayList<>();
    for (String m : NETWORK_METRICS) {
      if (!same(on.get(m), fn.get(m))) {
        netDiffs.add(m);
      }
    }
    Map<String, Object> net = new LinkedHashMap<>();
    Map<String, Object> onm = numbers(on);
    onm.put("max_cycles_node_name", ours.maxCyclesNode());
    Map<String, Object> fnm = numbers(fn);
    fnm.put("max_cycles_node_name", finn.maxCyclesNode());
    net.put("ours", onm);
    net.put("finn", fnm);
    net.put("equal", netDiffs.isEmpty());
    net.put("differences", netDiffs);
    allEqual &= netDiffs.isEmpty();

    double finnBram = finn.total().bram18();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema", 1);
    m.put("equal", allEqual);
    m.put("layers_compared", names.size());
    m.put("layers_equal", layersEqual);
    m.put("finn_BRAM_18K", num(finnBram));
    m.put("thresholding_BRAM_18K_left_out", num(leftOut));
    m.put("row_BRAM_18K", num(finnBram + leftOut));
    m.put("known_differences", known);
    m.put("layers", layers);
    m.put("total", total);
    m.put("network", net);
    return new FinnComparison(m, allEqual, finnBram, leftOut);
  }

  /**
   * True if every layer, the totals and the network performance match (known differences aside).
   */
  public boolean equal() {
    return equal;
  }

  /** FINN's own BRAM_18K total. */
  public double finnBram18k() {
    return finnBram18k;
  }

  /** Our BRAM_18K of the Thresholding_rtl layers FINN reports 0 BRAM for. */
  public double thresholdingBramLeftOut() {
    return leftOut;
  }

  /**
   * FINN's BRAM_18K total plus the Thresholding_rtl BRAM it leaves out: the physically right count
   * (ours, when everything else agrees), which the result row carries.
   */
  public double rowBram18k() {
    return finnBram18k + leftOut;
  }

  /** The comparison as JSON-ready maps and lists (see the class comment). */
  public Map<String, Object> toMap() {
    return map;
  }

  static boolean isThresholdingRtl(String layer) {
    return layer.startsWith("Thresholding_rtl");
  }

  /** The layer's metrics, or null if the report has neither cycles nor resources for it. */
  private static Map<String, Double> layer(HwReport r, String name) {
    Long c = r.layerCycles().get(name);
    Resources res = r.layerResources().get(name);
    if (c == null && res == null) {
      return null;
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("cycles", c == null ? null : c.doubleValue());
    m.put("LUT", res == null ? null : res.lut());
    m.put("BRAM_18K", res == null ? null : res.bram18());
    m.put("URAM", res == null ? null : res.uram());
    m.put("DSP", res == null ? null : res.dsp());
    return m;
  }

  private static Map<String, Double> network(HwReport r) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("max_cycles", (double) r.maxCycles());
    m.put("critical_path_cycles", (double) r.criticalPathCycles());
    m.put("estimated_throughput_fps", r.fps());
    m.put("estimated_latency_ns", r.latencyNs());
    return m;
  }

  private static Map<String, Object> known(
      String layer, String metric, double ours, double finn, String reason) {
    Map<String, Object> k = new LinkedHashMap<>();
    if (layer != null) {
      k.put("layer", layer);
    }
    k.put("metric", metric);
    k.put("ours", num(ours));
    k.put("finn", num(finn));
    k.put("reason", reason);
    return k;
  }

  private static Map<String, Object> numbers(Map<String, Double> in) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, v == null ? null : num(v)));
    return out;
  }

  /** Whole numbers as longs (as FINN writes counts), others as doubles. */
  private static Object num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
  }

  private static boolean same(Double a, Double b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }
}
