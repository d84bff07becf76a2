package io.nash.report;

import io.nash.pareto.ParetoPoint;
import java.util.List;
import java.util.Locale;

/** Writes points as RFC 4180 CSV (quoted where needed, "\n" line ends). Stateless, thread-safe. */
public final class Csv {
  private Csv() {}

  /** Header {@code id, <objective columns>, <attribute columns>}; missing cells are empty. */
  public static String write(
      List<ParetoPoint> points, List<String> objectives, List<String> attributes) {
    StringBuilder sb = new StringBuilder();
    sb.append("id");
    objectives.forEach(c -> sb.append(',').append(cell(c)));
    attributes.forEach(c -> sb.append(',').append(cell(c)));
    sb.append('\n');
    for (ParetoPoint p : points) {
      sb.append(cell(p.id()));
      for (String c : objectives) {
        Double v = p.objectives().get(c);
        sb.append(',').append(v == null || v.isNaN() ? "" : number(v));
      }
      for (String c : attributes) {
        sb.append(',').append(cell(p.attribute(c, "")));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Shortest exact text for whole numbers, otherwise up to 6 significant digits. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  static String cell(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
