package io.nash.report;

import io.nash.pareto.Objective;
import io.nash.pareto.Objectives;
import io.nash.pareto.ParetoAnalysis;
import io.nash.pareto.ParetoPoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the self-contained {@code report.html}: an accuracy-versus-resource SVG scatter (one
 * colour per NASH version and the baseline, a {@code <title>} tooltip per point), the 2-D front of
 * the chosen axis drawn as a step line, an axis selector (LUT, BRAM, DSP, fps, latency) served by a
 * few lines of inline JS, and a table of the front members. No network resources.
 *
 * <p>Where a front member's figures come from a real FINN build (attribute {@code source = finn}),
 * the table shows FINN's figures and our estimate of the same design side by side ({@code "FINN /
 * ours"} columns; cells {@code <td class="vs" data-finn data-ours>}), the BRAM_18K cell with FINN's
 * own total (attribute {@code finnBRAM_18K}; the front and plot use FINN's total plus the
 * Thresholding_rtl BRAM it leaves out, named in the cell's title), and a note on FINN v0.10.1's 0
 * BRAM for Thresholding_rtl. Estimate rows in such a table show {@code "&ndash; / ours"}.
 *
 * <p>When front members carry a hardware target ({@link #TARGET_DEVICE}, {@link #TARGET_FPS},
 * {@link #MEETS_TARGET}), a line {@code <p id="hw-target">} names the targets and how many members
 * meet theirs, and the table has a "meets target" column ({@code <td class="target"
 * data-meets="true|false">}; {@code data-meets=""} for a member without a target).
 *
 * <p>For browser tests: every point is {@code <circle class="pt">}, every front member a {@code <tr
 * class="front">}, and {@code <body>} carries {@code data-points} and {@code data-front}. Stateless
 * and thread-safe.
 */
public final class ReportPage {
  private ReportPage() {}

  /** The selectable x axes: metric name, label, and whether larger is better. */
  static final List<Objective> AXES =
      List.of(
          Objective.min(Objectives.LUT),
          Objective.min(Objectives.BRAM),
          Objective.min(Objectives.DSP),
          Objective.max(Objectives.FPS),
          Objective.min(Objectives.LATENCY));

  /**
   * Attributes of a front member whose candidate was checked against its run's hardware target
   * ({@code nash.candidates.hw.require-target}): the target's device and frame rate, and whether
   * the candidate's SetFolding design meets it (a boolean).
   */
  public static final String TARGET_DEVICE = "targetDevice";

  public static final String TARGET_FPS = "targetFps";
  public static final String MEETS_TARGET = "meetsTarget";

  static final Map<String, String> COLOURS =
      Map.of(
          "v1",
          "#1f77b4",
          "v2",
          "#ff7f0e",
          "v3",
          "#2ca02c",
          "v4",
          "#d62728",
          "baseline",
          "#555555");
  static final String OTHER_COLOUR = "#9467bd";
  static final int W = 720, H = 440, L = 70, R = 20, T = 20, B = 50;

  /**
   * @param title page heading
   * @param points every point to plot (those without accuracy or any axis value are left out of the
   *     plot for that axis but still counted if they have accuracy)
   * @param front the analysis whose front members fill the table
   * @param runLink prefix for a run's folder link, e.g. "../runs/" (attribute runId is appended)
   */
  public static String html(
      String title, List<ParetoPoint> points, ParetoAnalysis front, String runLink) {
    List<ParetoPoint> plotted =
        points.stream().filter(p -> Double.isFinite(p.value(Objectives.ACCURACY))).toList();
    StringBuilder sb = new StringBuilder(8192);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(esc(title))
        .append("</title>\n<style>")
        .append("body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}")
        .append(".pt{stroke:#000;stroke-width:.5;opacity:.85}.pt.on{stroke-width:2}")
        .append(".step{fill:none;stroke:#000;stroke-width:1.5}.legend span{margin-right:1em}")
        .append("</style></head>\n");
    sb.append("<body data-points=\"")
        .append(plotted.size())
        .append("\" data-front=\"")
        .append(front.front().size())
        .append("\">\n");
    sb.append("<h1>").append(esc(title)).append("</h1>\n");
    sb.append("<p>")
        .append(plotted.size())
        .append(" points, ")
        .append(front.front().size())
        .append(" on the front over ")
        .append(esc(front.objectives().toString()))
        .append(".</p>\n");
    sb.append("<label>x axis <select id=\"axis\">");
    for (Objective a : AXES) {
      sb.append("<option value=\"")
          .append(a.name())
          .append("\">")
          .append(a.name())
          .append(
              a.direction() == Objective.Direction.MAXIMIZE
                  ? " (higher is better)"
                  : " (lower is better)")
          .append("</option>");
    }
    sb.append("</select></label>\n<div class=\"legend\">");
    for (String v : List.of("v1", "v2", "v3", "v4", "baseline")) {
      sb.append("<span style=\"color:")
          .append(COLOURS.get(v))
          .append("\">&#9679; ")
          .append(v)
          .append("</span>");
    }
    sb.append("</div>\n");
    svg(sb, plotted);
    table(sb, front, runLink);
    sb.append("<script>\n").append(SCRIPT).append("</script>\n</body></html>\n");
    return sb.toString();
  }

  private static void svg(StringBuilder sb, List<ParetoPoint> pts) {
    double accMin = pts.stream().mapToDouble(p -> p.value(Objectives.ACCURACY)).min().orElse(0);
    double accMax = pts.stream().mapToDouble(p -> p.value(Objectives.ACCURACY)).max().orElse(1);
    double pad = Math.max((accMax - accMin) * 0.05, 0.005);
    double y0 = accMin - pad, y1 = accMax + pad;
    sb.append("<svg id=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(W)
        .append("\" height=\"")
        .append(H)
        .append("\" data-ymin=\"")
        .append(num(y0))
        .append("\" data-ymax=\"")
        .append(num(y1))
        .append("\">\n");
    sb.append("<line x1=\"")
        .append(L)
        .append("\" y1=\"")
        .append(H - B)
        .append("\" x2=\"")
        .append(W - R)
        .append("\" y2=\"")
        .append(H - B)
        .append("\" stroke=\"#000\"/>");
    sb.append("<line x1=\"")
        .append(L)
        .append("\" y1=\"")
        .append(T)
        .append("\" x2=\"")
        .append(L)
        .append("\" y2=\"")
        .append(H - B)
        .append("\" stroke=\"#000\"/>\n");
    sb.append("<text x=\"10\" y=\"").append(T + 10).append("\" font-size=\"12\">accuracy</text>");
    sb.append("<text x=\"12\" y=\"")
        .append(T + 26)
        .append("\" font-size=\"11\">")
        .append(pct(y1))
        .append("</text>");
    sb.append("<text x=\"12\" y=\"")
        .append(H - B)
        .append("\" font-size=\"11\">")
        .append(pct(y0))
        .append("</text>\n");
    for (Objective a : AXES) {
      double max =
          pts.stream().mapToDouble(p -> p.value(a.name())).filter(Double::isFinite).max().orElse(1);
      double xmax = max > 0 ? max * 1.05 : 1;
      boolean first = a == AXES.get(0);
      String vis = first ? "" : " style=\"display:none\"";
      sb.append("<g class=\"axis-labels\" data-axis=\"")
          .append(a.name())
          .append("\" data-xmax=\"")
          .append(num(xmax))
          .append("\"")
          .append(vis)
          .append(">");
      sb.append("<text x=\"")
          .append(W - R - 140)
          .append("\" y=\"")
          .append(H - 12)
          .append("\" font-size=\"12\">")
          .append(a.name())
          .append(" (0 .. ")
          .append(num(xmax))
          .append(")</text></g>\n");
      sb.append("<path class=\"step\" data-axis=\"")
          .append(a.name())
          .append("\" d=\"")
          .append(stepPath(pts, a, xmax, y0, y1))
          .append("\"")
          .append(vis)
          .append("/>\n");
    }
    Objective firstAxis = AXES.get(0);
    double xmax0 =
        Math.max(
            1e-12,
            pts.stream()
                    .mapToDouble(p -> p.value(firstAxis.name()))
                    .filter(Double::isFinite)
                    .max()
                    .orElse(1)
                * 1.05);
    for (ParetoPoint p : pts) {
      String version = p.attribute("version", "");
      double x = p.value(firstAxis.name());
      sb.append("<circle class=\"pt\" r=\"5\" fill=\"")
          .append(COLOURS.getOrDefault(version, OTHER_COLOUR))
          .append("\" cx=\"")
          .append(Double.isFinite(x) ? num(sx(x, xmax0)) : "-100")
          .append("\" cy=\"")
          .append(num(sy(p.value(Objectives.ACCURACY), y0, y1)))
          .append("\"");
      for (Objective a : AXES) {
        double v = p.value(a.name());
        sb.append(" data-")
            .append(a.name().toLowerCase(Locale.ROOT).replace('_', '-'))
            .append("=\"")
            .append(Double.isFinite(v) ? num(v) : "")
            .append("\"");
      }
      sb.append("><title>").append(esc(tooltip(p))).append("</title></circle>\n");
    }
    sb.append("</svg>\n");
  }

  /** The 2-D front (accuracy up, axis in its direction) as a staircase through its members. */
  static String stepPath(List<ParetoPoint> pts, Objective axis, double xmax, double y0, double y1) {
    List<ParetoPoint> usable = new ArrayList<>();
    for (ParetoPoint p : pts) {
      if (Double.isFinite(p.value(axis.name()))) {
        usable.add(p);
      }
    }
    Objectives two = Objectives.of(Objective.max(Objectives.ACCURACY), axis);
    List<ParetoPoint> f = new ArrayList<>(ParetoAnalysis.of(two, usable).front());
    f.sort(Comparator.comparingDouble(p -> p.value(axis.name())));
    StringBuilder d = new StringBuilder();
    for (ParetoPoint p : f) {
      double x = sx(p.value(axis.name()), xmax);
      double y = sy(p.value(Objectives.ACCURACY), y0, y1);
      if (d.length() == 0) {
        d.append("M").append(num(x)).append(",").append(num(y));
      } else {
        // horizontal at the previous level, then vertical to this point's level
        d.append(" H").append(num(x)).append(" V").append(num(y));
      }
    }
    return d.toString();
  }

  /** The table's metrics and, per metric, the attribute holding our estimate in a FINN row. */
  static final List<String[]> TABLE_METRICS =
      List.of(
          new String[] {Objectives.FPS, "fps", "estimateFps"},
          new String[] {Objectives.LATENCY, "latency (ms)", "estimateLatencyMs"},
          new String[] {Objectives.LUT, "LUT", "estimateLUT"},
          new String[] {Objectives.BRAM, "BRAM_18K", "estimateBRAM_18K"},
          new String[] {Objectives.URAM, "URAM", "estimateURAM"},
          new String[] {Objectives.DSP, "DSP", "estimateDSP"});

  /** The source attribute of a row from a real FINN build ({@code store.CandidateResult}). */
  static final String SOURCE_FINN = "finn";

  /** The note under a table with FINN rows. */
  static final String FINN_NOTE =
      "FINN / ours: FINN's build reports next to our estimate of the same design. FINN v0.10.1"
          + " counts 0 BRAM for Thresholding_rtl layers (its get_memory_estimate files the count"
          + " under \"BRAM18\" while bram_estimation reads \"BRAM\"), so its BRAM_18K total lacks"
          + " theirs; the front and the plot use FINN's total plus that Thresholding_rtl BRAM, the"
          + " physically right count (see finn-build/comparison.json in the result's unit).";

  static boolean fromFinn(ParetoPoint p) {
    String source = p.attribute("source", "");
    // "finn-build": rows written before the FINN path was finished (without our figures)
    return SOURCE_FINN.equals(source) || "finn-build".equals(source);
  }

  /** "ZCU104 at 1000 fps": the hardware target of a marked point, or "" without one. */
  static String target(ParetoPoint p) {
    Object device = p.attributes().get(TARGET_DEVICE);
    double fps = numberAttribute(p, TARGET_FPS);
    return device == null ? "" : device + " at " + num(fps) + " fps";
  }

  /**
   * The hardware targets of the front members (in order of first appearance) and how many members
   * meet theirs; nothing when no member carries a target.
   */
  private static void targets(StringBuilder sb, ParetoAnalysis front) {
    java.util.LinkedHashSet<String> targets = new java.util.LinkedHashSet<>();
    int marked = 0, meet = 0;
    for (ParetoPoint p : front.front()) {
      String t = target(p);
      if (!t.isEmpty()) {
        targets.add(t);
        marked++;
        if (Boolean.TRUE.equals(p.attributes().get(MEETS_TARGET))) {
          meet++;
        }
      }
    }
    if (targets.isEmpty()) {
      return;
    }
    sb.append("<p id=\"hw-target\" data-marked=\"")
        .append(marked)
        .append("\" data-meet=\"")
        .append(meet)
        .append("\">Hardware target")
        .append(targets.size() > 1 ? "s: " : ": ")
        .append(esc(String.join(", ", targets)))
        .append(". ")
        .append(meet)
        .append(" of ")
        .append(marked)
        .append(" checked front members meet it: their SetFolding design at the target frame rate")
        .append(" reaches it within the device budget.</p>\n");
  }

  private static void table(StringBuilder sb, ParetoAnalysis front, String runLink) {
    boolean anyFinn = front.front().stream().anyMatch(ReportPage::fromFinn);
    boolean anyTarget = front.front().stream().anyMatch(p -> !target(p).isEmpty());
    targets(sb, front);
    sb.append("<h2>Front members</h2>\n<table id=\"front\"><thead><tr>")
        .append("<th>genotype</th><th>version</th><th>accuracy</th>");
    for (String[] m : TABLE_METRICS) {
      sb.append("<th>").append(m[1]).append(anyFinn ? " (FINN / ours)" : "").append("</th>");
    }
    sb.append("<th>source</th><th>device</th>")
        .append(anyTarget ? "<th>meets target</th>" : "")
        .append("<th>run</th></tr></thead><tbody>\n");
    for (ParetoPoint p : front.front()) {
      String run = p.attribute("runId", "");
      sb.append("<tr class=\"front\"><td><code>")
          .append(esc(p.attribute("genotype", p.id())))
          .append("</code></td>")
          .append("<td>")
          .append(esc(p.attribute("version", "")))
          .append("</td>")
          .append("<td>")
          .append(pct(p.value(Objectives.ACCURACY)))
          .append("</td>");
      boolean finn = fromFinn(p);
      for (String[] m : TABLE_METRICS) {
        double v = p.value(m[0]);
        if (!anyFinn) {
          sb.append("<td>").append(cell(v)).append("</td>");
        } else if (!finn) {
          sb.append("<td class=\"vs\" data-finn=\"\" data-ours=\"")
              .append(cell(v))
              .append("\">&ndash; / ")
              .append(shownOrDash(v))
              .append("</td>");
        } else {
          double ours = numberAttribute(p, m[2]);
          double shown = v;
          String title = "";
          if (m[0].equals(Objectives.BRAM)) {
            double raw = numberAttribute(p, "finnBRAM_18K");
            if (Double.isFinite(raw)) {
              shown = raw;
              if (Double.isFinite(v) && v != raw) {
                title =
                    " title=\"front and plot: "
                        + num(v)
                        + " = FINN's "
                        + num(raw)
                        + " + "
                        + num(v - raw)
                        + " Thresholding_rtl BRAM_18K FINN v0.10.1 leaves out\"";
              }
            }
          }
          sb.append("<td class=\"vs\" data-finn=\"")
              .append(cell(shown))
              .append("\" data-ours=\"")
              .append(cell(ours))
              .append("\"")
              .append(title)
              .append(">")
              .append(shownOrDash(shown))
              .append(" / ")
              .append(shownOrDash(ours))
              .append("</td>");
        }
      }
      sb.append("<td>")
          .append(esc(p.attribute("source", "")))
          .append("</td><td>")
          .append(esc(p.attribute("device", "")))
          .append("</td>");
      if (anyTarget) {
        Object meets = p.attributes().get(MEETS_TARGET);
        String t = target(p);
        sb.append("<td class=\"target\" data-meets=\"")
            .append(t.isEmpty() ? "" : String.valueOf(Boolean.TRUE.equals(meets)))
            .append("\">")
            .append(
                t.isEmpty()
                    ? "&ndash;"
                    : (Boolean.TRUE.equals(meets) ? "yes" : "no") + " (" + esc(t) + ")")
            .append("</td>");
      }
      sb.append("<td><a href=\"")
          .append(esc(runLink + run + "/"))
          .append("\">")
          .append(esc(run))
          .append("</a></td></tr>\n");
    }
    sb.append("</tbody></table>\n");
    if (anyFinn) {
      sb.append("<p class=\"note\" id=\"finn-note\">").append(esc(FINN_NOTE)).append("</p>\n");
    }
  }

  private static String cell(double v) {
    return Double.isFinite(v) ? num(v) : "";
  }

  private static String shownOrDash(double v) {
    return Double.isFinite(v) ? num(v) : "&ndash;";
  }

  /** A number attribute (NaN if absent or not a number). */
  static double numberAttribute(ParetoPoint p, String name) {
    Object v = p.attributes().get(name);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String str) {
      try {
        return Double.parseDouble(str);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  static String tooltip(ParetoPoint p) {
    StringBuilder t = new StringBuilder(p.id());
    for (String k : List.of("version", "genotype", "device")) {
      t.append("\n").append(k).append(": ").append(p.attribute(k, ""));
    }
    t.append("\naccuracy: ").append(pct(p.value(Objectives.ACCURACY)));
    for (Objective a : AXES) {
      double v = p.value(a.name());
      t.append("\n").append(a.name()).append(": ").append(Double.isFinite(v) ? num(v) : "n/a");
    }
    return t.toString();
  }

  static double sx(double v, double xmax) {
    return L + (W - L - R) * v / xmax;
  }

  static double sy(double acc, double y0, double y1) {
    return H - B - (H - T - B) * (acc - y0) / (y1 - y0);
  }

  static String num(double v) {
    return Csv.number(v);
  }

  static String pct(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f%%", 100 * v) : "";
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** Axis switch: move each circle to its value on the chosen axis, show that axis' step line. */
  static final String SCRIPT =
      """
      (function () {
        var sel = document.getElementById('axis');
        var L = %d, W = %d, R = %d;
        function show(axis) {
          var key = 'data-' + axis.toLowerCase().replace('_', '-');
          var labels = document.querySelectorAll('[data-axis]');
          var xmax = 1;
          labels.forEach(function (el) {
            var on = el.getAttribute('data-axis') === axis;
            el.style.display = on ? '' : 'none';
            if (on && el.hasAttribute('data-xmax')) { xmax = parseFloat(el.getAttribute('data-xmax')); }
          });
          document.querySelectorAll('circle.pt').forEach(function (c) {
            var v = c.getAttribute(key);
            c.setAttribute('cx', v === '' ? -100 : L + (W - L - R) * parseFloat(v) / xmax);
          });
        }
        sel.addEventListener('change', function () { show(sel.value); });
        document.querySelectorAll('circle.pt').forEach(function (c) {
          c.addEventListener('mouseenter', function () { c.classList.add('on'); });
          c.addEventListener('mouseleave', function () { c.classList.remove('on'); });
        });
        show(sel.value);
      })();
      """
          .formatted(L, W, R);
}
