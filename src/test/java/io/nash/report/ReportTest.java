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

  /** Four points; with accuracy up, LUT down, fps up: c is dominated by a (worse everywhere). */
  static final List<ParetoPoint> PTS =
      List.of(
          p("a", "v1", .9, 100, 500),
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
    assertFalse(html.contains("http://") && !html.contains("http://www.w3.org/2000/svg"));
    assertFalse(html.contains("src=\""), "no external resources");
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
