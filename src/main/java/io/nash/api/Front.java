package io.nash.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's global Pareto front ({@code pareto/front.json}) over every run's committed hardware
 * results, as published by the Pareto stage. Immutable.
 *
 * @param version the front version (grows with every refresh)
 * @param objectives the objectives, e.g. {@code accuracy:max,LUT:min,BRAM_18K:min,DSP:min,fps:max}
 * @param archiveSize how many results (of all runs) the front was computed over
 * @param hypervolume hypervolume of the front, or null when the front is empty
 * @param points the non-dominated results
 * @param reportUri URI of the self-contained HTML report
 * @param csvUri URI of the front as CSV
 */
public record Front(
    long version,
    String objectives,
    int archiveSize,
    Double hypervolume,
    List<Point> points,
    String reportUri,
    String csvUri) {

  public Front {
    points = List.copyOf(points);
  }

  /** The points of one run. */
  public List<Point> ofRun(String runId) {
    return points.stream().filter(p -> runId.equals(p.runId())).toList();
  }

  /**
   * One result on the front.
   *
   * @param id {@code run/candidate/device}
   * @param objectives every metric of the result by name ({@code accuracy}, {@code fps}, {@code
   *     latency}, {@code LUT}, {@code BRAM_18K}, {@code URAM}, {@code DSP})
   * @param attributes the result's other fields (genotype, version, source, ...)
   */
  public record Point(
      String id,
      String runId,
      String candidateId,
      String device,
      Map<String, Double> objectives,
      Map<String, Object> attributes) {
    public Point {
      objectives = Collections.unmodifiableMap(new LinkedHashMap<>(objectives));
      attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The value of one metric, or NaN if the result has none. */
    public double value(String metric) {
      Double v = objectives.get(metric);
      return v == null ? Double.NaN : v;
    }
  }
}
