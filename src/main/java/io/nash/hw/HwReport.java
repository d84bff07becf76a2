package io.nash.hw;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers of FINN's estimate reports for one design (finn-reference.md section 2): per node
 * cycles, resources and op/param counts, the totals and the network performance. Produced by {@link
 * Estimator} from our model or by {@link FinnRunner} from a real FINN build's {@code report/}
 * folder, so both can be compared. Immutable.
 */
public record HwReport(
    Map<String, Long> layerCycles,
    Map<String, Resources> layerResources,
    Resources total,
    Map<String, Map<String, Long>> opAndParamCounts,
    long criticalPathCycles,
    long maxCycles,
    String maxCyclesNode,
    double fps,
    double latencyNs) {

  public HwReport {
    layerCycles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layerCycles));
    layerResources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layerResources));
    Map<String, Map<String, Long>> c = new LinkedHashMap<>();
    opAndParamCounts.forEach(
        (k, v) -> c.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    opAndParamCounts = java.util.Collections.unmodifiableMap(c);
  }

  /** {@code estimate_layer_cycles.json}. */
  public String layerCyclesJson() {
    return PyJson.write(layerCycles);
  }

  /**
   * {@code estimate_layer_resources.json}: per node {@code BRAM_18K, BRAM_efficiency, LUT, URAM,
   * URAM_efficiency, DSP} (ints, efficiencies as floats or the int 1 of the base class), then
   * {@code "total"} with the efficiency keys skipped and the sums as floats.
   */
  public String layerResourcesJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    layerResources.forEach(
        (k, r) -> {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("BRAM_18K", (long) r.bram18());
          e.put("BRAM_efficiency", efficiency(r.bramEfficiency()));
          e.put("LUT", (long) r.lut());
          e.put("URAM", (long) r.uram());
          e.put("URAM_efficiency", efficiency(r.uramEfficiency()));
          e.put("DSP", (long) r.dsp());
          m.put(k, e);
        });
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("BRAM_18K", total.bram18());
    t.put("LUT", total.lut());
    t.put("URAM", total.uram());
    t.put("DSP", total.dsp());
    m.put("total", t);
    return PyJson.write(m);
  }

  private static Object efficiency(double e) {
    return e == 1.0 ? (Object) 1L : (Object) e;
  }

  /** {@code estimate_network_performance.json}, keys in FINN's order. */
  public String networkPerformanceJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("critical_path_cycles", criticalPathCycles);
    m.put("max_cycles", maxCycles);
    m.put("max_cycles_node_name", maxCyclesNode);
    m.put("estimated_throughput_fps", fps);
    m.put("estimated_latency_ns", latencyNs);
    return PyJson.write(m);
  }

  /** {@code op_and_param_counts.json}: per node counts, then integer totals. */
  public String opAndParamCountsJson() {
    Map<String, Object> m = new LinkedHashMap<>(opAndParamCounts);
    Map<String, Long> total = new LinkedHashMap<>();
    opAndParamCounts.values().forEach(v -> v.forEach((k, n) -> total.merge(k, n, Long::sum)));
    m.put("total", total);
    return PyJson.write(m);
  }

  /** The four report files by file name. */
  public Map<String, String> reportFiles() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("estimate_layer_resources.json", layerResourcesJson());
    m.put("estimate_layer_cycles.json", layerCyclesJson());
    m.put("estimate_network_performance.json", networkPerformanceJson());
    m.put("op_and_param_counts.json", opAndParamCountsJson());
    return m;
  }

  /** Names of nodes in report order. */
  public List<String> nodeNames() {
    return List.copyOf(layerCycles.keySet());
  }
}
