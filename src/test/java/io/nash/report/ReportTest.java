package io.nash.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.pareto.Objectives;
import io.nash.pareto.ParetoAnalysis;
import io.nash.pareto.ParetoPoint;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportTest {
  static ParetoPoint p(String id, String version, double acc, double lut, double fps) {
    return new ParetoPoint(
        id,
        Map.of(
            "accuracy",
            acc,
            "LUT",
            lut,
            "BRAM_18K",
            10.0,
            "DSP",
            2.0,
            "fps",
            fps,
            "latency",
            1000 / fps),
        Map.of(
            "version", version, "genotype", "g<" + id + ">", "device", "U250", "runId", "run-1"));
  }

  /**
   * {@code p} as a FINN row: FINN's own BRAM total 6 (the row's 10 adds 4 Thresholding_rtl BRAM),
   * our estimate fps 480, latency 2.5 ms, LUT 110, BRAM 10, URAM 0, DSP 2.
   */
  static ParetoPoint finn(ParetoPoint p) {
    Map<String, Object> a = new java.util.LinkedHashMap<>(p.attributes());
    a.put("source", "finn");
    a.put("finnBRAM_18K", 6.0);
    a.put("estimateFps", 480.0);
    a.put("estimateLatencyMs", 2.5);
    a.put("estimateLUT", 110.0);
    a.put("estimateBRAM_18K", 10.0);
    a.put("estimateURAM", 0.0);
    a.put("estimateDSP", 2);
    return new ParetoPoint(p.id(), p.objectives(), a);
  }

  /**
   * Four points; with accuracy up, LUT down, fps up: c is dominated by a (worse everywhere). a's
   * figures come from FINN.
   */
  static final List<ParetoPoint> PTS =
      List.of(
          finn(p("a", "v1", .9, 100, 500)),
          p("b", "v2", .8, 50, 400),
          p("c", "baseline", .7, 120, 300),
          p("d", "v4", .95, 300, 100));

  static int count(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  static String page() {
    ParetoAnalysis a = ParetoAnalysis.of(Objectives.parse("accuracy:max,LUT:min,fps:max"), PTS);
    return ReportPage.html("test <report>", PTS, a, "../runs/");
  }

  @Test
  void pageHoldsPointsFrontRowsAndNoNetwork() {
    String html = page();
    assertEquals(4, count(html, "<circle class=\"pt\""));
    assertEquals(3, count(html, "<tr class=\"front\">"));
    assertTrue(html.contains("data-points=\"4\" data-front=\"3\""));
    assertEquals(5, count(html, "<option value="));
    assertEquals(5, count(html, "<path class=\"step\""));
    assertTrue(html.contains("fill=\"#555555\""), "baseline colour");
    assertTrue(html.contains("&lt;a&gt;") && !html.contains("g<a>"), "escaped genotype");
    assertTrue(html.contains("href=\"../runs/run-1/\""));
    // the SVG namespace is a name, not a resource; no other URL may appear
    String urls = html.replace("http://www.w3.org/2000/svg", "");
    assertFalse(urls.contains("http://") || urls.contains("https://"), "no external URLs");
    assertFalse(html.contains("src=\""), "no external resources");
  }

  @Test
  void finnFiguresAndOursSideBySide() {
    String html = page();
    for (String m : List.of("fps", "latency (ms)", "LUT", "BRAM_18K", "URAM", "DSP")) {
      assertTrue(html.contains("<th>" + m + " (FINN / ours)</th>"), m);
    }
    String rowA = html.substring(html.indexOf("<tr class=\"front\"><td><code>g&lt;a&gt;"));
    rowA = rowA.substring(0, rowA.indexOf("</tr>"));
    assertTrue(
        rowA.contains("<td class=\"vs\" data-finn=\"500\" data-ours=\"480\">500 / 480</td>"), rowA);
    assertTrue(
        rowA.contains("<td class=\"vs\" data-finn=\"2\" data-ours=\"2.5\">2 / 2.5</td>"), rowA);
    assertTrue(
        rowA.contains("<td class=\"vs\" data-finn=\"100\" data-ours=\"110\">100 / 110</td>"), rowA);
    // BRAM: FINN's own 6, ours 10; the front uses 10 = 6 + 4 Thresholding_rtl BRAM
    assertTrue(
        rowA.contains(
            "<td class=\"vs\" data-finn=\"6\" data-ours=\"10\" title=\"front and plot: 10 ="
                + " FINN's 6 + 4 Thresholding_rtl BRAM_18K FINN v0.10.1 leaves out\">6 / 10</td>"),
        rowA);
    // URAM: no FINN figure in this point, ours 0; DSP 2 and 2
    assertTrue(
        rowA.contains("<td class=\"vs\" data-finn=\"\" data-ours=\"0\">&ndash; / 0</td>"), rowA);
    assertTrue(rowA.contains("<td class=\"vs\" data-finn=\"2\" data-ours=\"2\">2 / 2</td>"), rowA);
    assertTrue(rowA.contains("<td>finn</td>"), rowA);
    // an estimate row in the same table: no FINN figure
    String rowB = html.substring(html.indexOf("<tr class=\"front\"><td><code>g&lt;b&gt;"));
    rowB = rowB.substring(0, rowB.indexOf("</tr>"));
    assertTrue(
        rowB.contains("<td class=\"vs\" data-finn=\"\" data-ours=\"50\">&ndash; / 50</td>"), rowB);
    assertTrue(html.contains("<p class=\"note\" id=\"finn-note\">"));
    assertTrue(html.contains("FINN v0.10.1 counts 0 BRAM for Thresholding_rtl layers"));

    // without FINN rows: plain columns, no note
    List<ParetoPoint> est = List.of(p("x", "v1", .9, 100, 500), p("y", "v2", .8, 50, 400));
    String plain =
        ReportPage.html(
            "t", est, ParetoAnalysis.of(Objectives.parse("accuracy:max,LUT:min"), est), "r/");
    assertFalse(plain.contains("FINN / ours") || plain.contains("finn-note"));
    assertTrue(plain.contains("<th>LUT</th>") && plain.contains("<td>100</td>"));
  }

  /** {@code p} with a hardware target mark: ZCU104 at {@code fps}, met or not. */
  static ParetoPoint target(ParetoPoint p, double fps, boolean meets) {
    Map<String, Object> a = new java.util.LinkedHashMap<>(p.attributes());
    a.put(ReportPage.TARGET_DEVICE, "ZCU104");
    a.put(ReportPage.TARGET_FPS, fps);
    a.put(ReportPage.MEETS_TARGET, meets);
    return new ParetoPoint(p.id(), p.objectives(), a);
  }

  private static String row(String html, String id) {
    String r = html.substring(html.indexOf("<tr class=\"front\"><td><code>g&lt;" + id + "&gt;"));
    return r.substring(0, r.indexOf("</tr>"));
  }

  @Test
  void theHardwareTargetAndWhichFrontMembersMeetIt() {
    // front over accuracy and LUT: x (.9, 100), y (.8, 50), z (.95, 300); w is dominated
    List<ParetoPoint> pts =
        List.of(
            target(p("x", "v1", .9, 100, 500), 1000, true),
            target(p("y", "v2", .8, 50, 400), 1000, false),
            p("z", "baseline", .95, 300, 100),
            target(p("w", "v1", .7, 400, 50), 1000, true));
    String html =
        ReportPage.html(
            "t", pts, ParetoAnalysis.of(Objectives.parse("accuracy:max,LUT:min"), pts), "r/");
    assertEquals(3, count(html, "<tr class=\"front\">"));
    assertTrue(
        html.contains(
            "<p id=\"hw-target\" data-marked=\"2\" data-meet=\"1\">Hardware target: ZCU104 at"
                + " 1000 fps. 1 of 2 checked front members meet it"),
        html);
    assertTrue(html.contains("<th>device</th><th>meets target</th><th>run</th>"), html);
    assertTrue(
        row(html, "x")
            .contains("<td class=\"target\" data-meets=\"true\">yes (ZCU104 at 1000 fps)</td>"),
        row(html, "x"));
    assertTrue(
        row(html, "y")
            .contains("<td class=\"target\" data-meets=\"false\">no (ZCU104 at 1000 fps)</td>"),
        row(html, "y"));
    // the baseline was not checked against a target
    assertTrue(
        row(html, "z").contains("<td class=\"target\" data-meets=\"\">&ndash;</td>"),
        row(html, "z"));

    // two targets (a sweep over the target frame rate): both named
    List<ParetoPoint> two =
        List.of(
            target(p("x", "v1", .9, 100, 500), 1000, true),
            target(p("y", "v2", .8, 50, 400), 250.5, true));
    String both =
        ReportPage.html(
            "t", two, ParetoAnalysis.of(Objectives.parse("accuracy:max,LUT:min"), two), "r/");
    assertTrue(
        both.contains(
            "data-marked=\"2\" data-meet=\"2\">Hardware targets: ZCU104 at 1000 fps, ZCU104 at"
                + " 250.5 fps. 2 of 2"),
        both);

    // no target: neither the line nor the column
    String plain = page();
    assertFalse(plain.contains("hw-target") || plain.contains("meets target"), plain);
    assertTrue(plain.contains("<th>device</th><th>run</th>"));
  }

  @Test
  void stepLineByHand() {
    // Axis LUT, xmax = 300*1.05 = 315; x = 70 + 630*v/315 = 70 + 2v.
    // y range: acc .7...95, pad = .25*.05 = .0125 -> y0 = .6875, y1 = .9625, y = 390 -
    // 370*(acc-y0)/.275.
    // 2-D front (acc up, LUT down): b(50,.8), a(100,.9), d(300,.95).
    // b: x=170, y=390-370*.1125/.275=238.636..; a: x=270, y=390-370*.2125/.275=104.09..;
    // d: x=670, y=390-370*.2625/.275=36.818..
    String d = ReportPage.stepPath(PTS, io.nash.pareto.Objective.min("LUT"), 315, .6875, .9625);
    assertTrue(d.startsWith("M170,238.636"), d);
    assertTrue(d.contains(" H270 V104.091") && d.contains(" H670 V36.8182"), d);
  }

  @Test
  void csvQuotesAndNumbers() {
    String csv =
        Csv.write(
            List.of(
                new ParetoPoint(
                    "x", Map.of("accuracy", 0.91, "LUT", 12000.0), Map.of("genotype", "a,\"b\""))),
            List.of("accuracy", "LUT", "fps"),
            List.of("genotype"));
    assertEquals("id,accuracy,LUT,fps,genotype\nx,0.91,12000,,\"a,\"\"b\"\"\"\n", csv);
  }

  @Test
  void progressLineByHand() {
    // 2 of 10 done after 20 s -> 10 s per unit -> 8 units left -> 80 s = 1m20s.
    Progress p = new Progress("search round", 10, 0);
    assertEquals(
        "search round 2/10 (20%) loss 0.6931 acc 51.20% 1234 img/s elapsed 20s eta 1m20s",
        p.line(2, 0.693147, 0.512, 1234.4, 20_000_000_000L));
    assertEquals(
        "search round 0/10 (0%) elapsed 0s eta --",
        p.line(0, Double.NaN, Double.NaN, Double.NaN, 0));
    assertEquals("1h02m03s", Progress.duration(3723));
    assertEquals("--", Progress.duration(Double.NaN));
  }
}
