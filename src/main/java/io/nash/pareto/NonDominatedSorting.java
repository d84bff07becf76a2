package io.nash.pareto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Deb's fast non-dominated sorting and crowding distance over minimized objective vectors.
 * Stateless and thread-safe.
 *
 * <p>Ranks start at 0 (the non-dominated front). Identical vectors do not dominate each other
 * (dominance needs a strict improvement somewhere), so duplicates share a rank.
 */
final class NonDominatedSorting {
  private NonDominatedSorting() {}

  /** Rank of every vector; O(M N^2) time, O(N^2) space for the dominated-by lists. */
  static int[] ranks(double[][] v) {
    int n = v.length;
    int[] dominatedCount = new int[n];
    List<List<Integer>> dominates = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      dominates.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (Objectives.dominates(v[i], v[j])) {
          dominates.get(i).add(j);
          dominatedCount[j]++;
        } else if (Objectives.dominates(v[j], v[i])) {
          dominates.get(j).add(i);
          dominatedCount[i]++;
        }
      }
    }
    int[] rank = new int[n];
    Arrays.fill(rank, -1);
    List<Integer> current = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (dominatedCount[i] == 0) {
        current.add(i);
      }
    }
    int r = 0;
    while (!current.isEmpty()) {
      List<Integer> next = new ArrayList<>();
      for (int i : current) {
        rank[i] = r;
        for (int j : dominates.get(i)) {
          if (--dominatedCount[j] == 0) {
            next.add(j);
          }
        }
      }
      current = next;
      r++;
    }
    return rank;
  }

  /**
   * Crowding distance of each member of one front (indices into {@code v}), in the order given. Per
   * objective, members are sorted by value; the two extremes get +infinity and the others the
   * normalized gap between their neighbours, (next - previous) / (max - min). An objective where
   * all members are equal adds nothing.
   */
  static double[] crowding(double[][] v, int[] front) {
    int n = front.length;
    double[] d = new double[n];
    if (n == 0) {
      return d;
    }
    int m = v[front[0]].length;
    Integer[] order = new Integer[n];
    for (int k = 0; k < m; k++) {
      final int obj = k;
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      // Stable sort with the index as tie-break keeps the result independent of JVM details.
      Arrays.sort(
          order,
          Comparator.<Integer>comparingDouble(i -> v[front[i]][obj]).thenComparingInt(i -> i));
      double min = v[front[order[0]]][obj];
      double max = v[front[order[n - 1]]][obj];
      d[order[0]] = Double.POSITIVE_INFINITY;
      d[order[n - 1]] = Double.POSITIVE_INFINITY;
      if (max == min) {
        continue;
      }
      for (int i = 1; i < n - 1; i++) {
        d[order[i]] += (v[front[order[i + 1]]][obj] - v[front[order[i - 1]]][obj]) / (max - min);
      }
    }
    return d;
  }
}
