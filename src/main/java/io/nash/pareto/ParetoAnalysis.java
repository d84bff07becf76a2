package io.nash.pareto;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Pareto analysis of a point set over chosen objectives: the non-dominated front, the rank and
 * crowding distance of every usable point, and the points excluded with the reason. Immutable and
 * thread-safe; build it with {@link #of}.
 *
 * <p>Rules. A point with a missing, NaN or infinite value in any chosen objective is excluded
 * (reason recorded) and takes no part in dominance. Points with identical objective vectors do not
 * dominate each other, so all of them stay on the same rank (both are kept on the front). Ids must
 * be unique.
 *
 * @param front rank-0 points, ordered best-first by the first objective, then by id
 * @param ranks rank per point id (0 = front) for every usable point
 * @param crowding crowding distance per point id, computed within the point's rank
 * @param excluded points that could not be ranked, with the reason
 */
public record ParetoAnalysis(
    Objectives objectives,
    List<ParetoPoint> front,
    Map<String, Integer> ranks,
    Map<String, Double> crowding,
    List<Excluded> excluded) {

  /** A point left out of the analysis and why (e.g. "objective LUT is NaN"). */
  public record Excluded(ParetoPoint point, String reason) {}

  public ParetoAnalysis {
    front = List.copyOf(front);
    ranks = Collections.unmodifiableMap(new LinkedHashMap<>(ranks));
    crowding = Collections.unmodifiableMap(new LinkedHashMap<>(crowding));
    excluded = List.copyOf(excluded);
  }

  /**
   * Analyses the points.
   *
   * @throws IllegalArgumentException if two points share an id
   */
  public static ParetoAnalysis of(Objectives objectives, Collection<ParetoPoint> points) {
    List<ParetoPoint> usable = new ArrayList<>();
    List<Excluded> excluded = new ArrayList<>();
    Map<String, ParetoPoint> byId = new HashMap<>();
    for (ParetoPoint p : points) {
      if (byId.put(p.id(), p) != null) {
        throw new IllegalArgumentException(
            "point id " + p.id() + " appears twice: ids must be unique");
      }
      String problem = objectives.problem(p);
      if (problem == null) {
        usable.add(p);
      } else {
        excluded.add(new Excluded(p, problem));
      }
    }
    double[][] v = new double[usable.size()][];
    for (int i = 0; i < v.length; i++) {
      v[i] = objectives.minimized(usable.get(i));
    }
    int[] rank = NonDominatedSorting.ranks(v);
    Map<String, Integer> ranks = new LinkedHashMap<>();
    Map<Integer, List<Integer>> byRank = new HashMap<>();
    for (int i = 0; i < rank.length; i++) {
      ranks.put(usable.get(i).id(), rank[i]);
      byRank.computeIfAbsent(rank[i], r -> new ArrayList<>()).add(i);
    }
    Map<String, Double> crowding = new LinkedHashMap<>();
    for (List<Integer> members : byRank.values()) {
      int[] idx = members.stream().mapToInt(Integer::intValue).toArray();
      double[] d = NonDominatedSorting.crowding(v, idx);
      for (int k = 0; k < idx.length; k++) {
        crowding.put(usable.get(idx[k]).id(), d[k]);
      }
    }
    List<ParetoPoint> front = new ArrayList<>();
    for (int i = 0; i < rank.length; i++) {
      if (rank[i] == 0) {
        front.add(usable.get(i));
      }
    }
    front.sort(frontOrder(objectives));
    return new ParetoAnalysis(objectives, front, ranks, crowding, excluded);
  }

  /** Best-first by the first objective, then by id: a deterministic order for files and tests. */
  static Comparator<ParetoPoint> frontOrder(Objectives objectives) {
    Objective first = objectives.get(0);
    return Comparator.<ParetoPoint>comparingDouble(p -> first.toMinimized(p.value(first.name())))
        .thenComparing(ParetoPoint::id);
  }

  /** Ids of the front members, in front order. */
  public List<String> frontIds() {
    return front.stream().map(ParetoPoint::id).toList();
  }

  /** Hypervolume of the front against the reference point (see {@link Hypervolume#of}). */
  public double hypervolume(Map<String, Double> reference) {
    return Hypervolume.of(front, objectives, reference);
  }
}
