package io.nash.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads report.html in headless Chromium (Debian package "chromium"), and counts the rendered
 * points and front rows in the DOM after the page script ran; fails on console errors. Skipped when
 * chromium is not installed.
 */
class ReportBrowserTest {
  @TempDir Path tmp;

  static Path chromium() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, "chromium");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  @Test
  void chromiumRendersAllPointsAndFrontRowsWithoutErrors() throws Exception {
    Path chromium = chromium();
    io.nash.Components.require(chromium != null, "chromium not installed");
    Path page = tmp.resolve("report.html");
    Files.writeString(page, ReportTest.page());
    Path err = tmp.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(
                List.of(
                    chromium.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--user-data-dir=" + tmp.resolve("profile"),
                    "--enable-logging=stderr",
                    "--v=0",
                    "--dump-dom",
                    page.toUri().toString()))
            .redirectError(err.toFile())
            .start();
    String dom =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s");
    }
    String log = Files.readString(err);
    // Console errors appear as: INFO:CONSOLE:1] "Uncaught ReferenceError: ...", source: ...
    assertFalse(
        log.lines()
            .anyMatch(
                l -> l.contains(":CONSOLE") && (l.contains("Uncaught") || l.contains("Error"))),
        log);
    assertEquals(4, ReportTest.count(dom, "<circle class=\"pt"), dom);
    assertEquals(3, ReportTest.count(dom, "<tr class=\"front\">"));
    // point a came from FINN: its cells show FINN's figure and ours
    assertTrue(dom.contains("data-finn=\"500\" data-ours=\"480\">500 / 480</td>"), dom);
    assertTrue(dom.contains("data-finn=\"100\" data-ours=\"110\">100 / 110</td>"), dom);
    // The script ran: it set cx for the first axis (LUT) on each circle, so no -100 placeholders.
    assertFalse(dom.contains("cx=\"-100\""));
  }
}
