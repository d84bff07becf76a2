package io.nash.pareto;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Incremental front maintenance: the front of (previous front + new points) equals the front of all
 * points ever seen, because any point dropped earlier is dominated by some member of the previous
 * front (dominance is transitive), so it could not be on the new front either. Stateless and
 * thread-safe.
 */
public final class ParetoMerge {
  private ParetoMerge() {}

  /**
   * Merges new points into a previous front and returns the analysis of the union. A point whose id
   * is already known is accepted only if its objective values are identical (results are
   * write-once; a changed value would break the equality with a from-scratch front).
   *
   * @throws IllegalArgumentException if an id repeats with different objective values
   */
  public static ParetoAnalysis merge(
      Objectives objectives, Collection<ParetoPoint> previousFront, Collection<ParetoPoint> added) {
    Map<String, ParetoPoint> union = new LinkedHashMap<>();
    List<ParetoPoint> all = new ArrayList<>(previousFront);
    all.addAll(added);
    for (ParetoPoint p : all) {
      ParetoPoint old = union.putIfAbsent(p.id(), p);
      if (old != null && !old.objectives().equals(p.objectives())) {
        throw new IllegalArgumentException(
            "point id "
                + p.id()
                + " merged twice with different objectives: "
                + old.objectives()
                + " vs "
                + p.objectives()
                + "; results must be write-once");
      }
    }
    return ParetoAnalysis.of(objectives, union.values());
  }

  /**
   * A reference point for hypervolume: per objective, the worst value among the points moved
   * further by {@code margin} times the value range (or by {@code margin} if the range is 0).
   * Points with problems for these objectives are ignored.
   *
   * @throws IllegalArgumentException if margin is negative or no usable point exists
   */
  public static Map<String, Double> referenceFromWorst(
      Collection<ParetoPoint> points, Objectives objectives, double margin) {
    if (!(margin >= 0) || !Double.isFinite(margin)) {
      throw new IllegalArgumentException("reference margin = " + margin + ": must be >= 0");
    }
    Map<String, Double> ref = new LinkedHashMap<>();
    for (Objective o : objectives.list()) {
      double worst = Double.NEGATIVE_INFINITY;
      double best = Double.POSITIVE_INFINITY;
      for (ParetoPoint p : points) {
        if (objectives.problem(p) == null) {
          double v = o.toMinimized(p.value(o.name()));
          worst = Math.max(worst, v);
          best = Math.min(best, v);
        }
      }
      if (worst == Double.NEGATIVE_INFINITY) {
        throw new IllegalArgumentException("reference point: no usable point for " + objectives);
      }
      double range = worst - best;
      double shifted = worst + margin * (range > 0 ? range : 1.0);
      ref.put(o.name(), o.toMinimized(shifted)); // negation is its own inverse
    }
    return ref;
  }
}
