package io.nash.pareto;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An ordered list of distinct objectives, and the dominance relation they define. Immutable and
 * thread-safe.
 */
public record Objectives(List<Objective> list) {

  /** Result-row metric names used across the project (see {@code store.CandidateResult}). */
  public static final String ACCURACY = "accuracy";

  public static final String LUT = "LUT";
  public static final String BRAM = "BRAM_18K";
  public static final String URAM = "URAM";
  public static final String DSP = "DSP";
  public static final String FPS = "fps";
  public static final String LATENCY = "latency";

  /** accuracy up; LUT, BRAM_18K, DSP down; fps up. */
  public static final Objectives DEFAULT =
      new Objectives(
          List.of(
              Objective.max(ACCURACY),
              Objective.min(LUT),
              Objective.min(BRAM),
              Objective.min(DSP),
              Objective.max(FPS)));

  public Objectives {
    list = List.copyOf(list);
    if (list.isEmpty()) {
      throw new IllegalArgumentException("objectives = []: need at least one objective");
    }
    Set<String> seen = new HashSet<>();
    for (Objective o : list) {
      if (!seen.add(o.name())) {
        throw new IllegalArgumentException(
            "objectives = " + list + ": objective '" + o.name() + "' appears twice");
      }
    }
  }

  public static Objectives of(Objective... objectives) {
    return new Objectives(List.of(objectives));
  }

  /** Parses {@code accuracy:max,LUT:min,...}; a blank string gives {@link #DEFAULT}. */
  public static Objectives parse(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT;
    }
    List<Objective> out = new ArrayList<>();
    for (String part : text.split(",")) {
      out.add(Objective.parse(part));
    }
    return new Objectives(out);
  }

  public int size() {
    return list.size();
  }

  public Objective get(int i) {
    return list.get(i);
  }

  public List<String> names() {
    return list.stream().map(Objective::name).toList();
  }

  /**
   * The point's objective values in minimized form, in this list's order. The caller must have
   * checked {@link #problem} first.
   */
  double[] minimized(ParetoPoint p) {
    double[] v = new double[list.size()];
    for (int i = 0; i < v.length; i++) {
      Objective o = list.get(i);
      v[i] = o.toMinimized(p.objectives().get(o.name()));
    }
    return v;
  }

  /**
   * Why the point cannot take part in a comparison over these objectives (missing or non-finite
   * value), or null if it can.
   */
  public String problem(ParetoPoint p) {
    Map<String, Double> values = p.objectives();
    for (Objective o : list) {
      Double v = values.get(o.name());
      if (v == null) {
        return "objective " + o.name() + " is missing";
      }
      if (v.isNaN()) {
        return "objective " + o.name() + " is NaN";
      }
      if (v.isInfinite()) {
        return "objective " + o.name() + " is infinite";
      }
    }
    return null;
  }

  /** True if {@code a} is no worse than {@code b} everywhere and strictly better somewhere. */
  public boolean dominates(ParetoPoint a, ParetoPoint b) {
    return dominates(minimized(a), minimized(b));
  }

  static boolean dominates(double[] a, double[] b) {
    boolean strictly = false;
    for (int i = 0; i < a.length; i++) {
      if (a[i] > b[i]) {
        return false;
      }
      if (a[i] < b[i]) {
        strictly = true;
      }
    }
    return strictly;
  }

  @Override
  public String toString() {
    return list.stream().map(Objective::toString).collect(Collectors.joining(","));
  }
}
