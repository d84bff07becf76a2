package io.nash.benchmarks;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.hw.FinnRunner;
import io.nash.hw.HwReport;
import io.nash.nn.export.FinnFolders;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.ImageShape;
import io.nash.space.PublishedGenotypes;
import io.nash.space.QuantSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Seconds of FINN's flow (the estimate-report target of the build folder we write: NASH steps
 * through FINN's estimate reports) per network, one build at a time, printed as JSON lines: wall
 * seconds of the whole run of {@code build.py}, FINN's own per-step seconds ({@code
 * time_per_step.json}) and the HW layer count. The last line gives each 224 px build's time as a
 * multiple of the same network's 32 px build, to size a synthesis fan-out (one Spark task per
 * candidate and device runs one such build).
 *
 * <p>Arguments: {@code work-dir [networks=baseline,v1,v2,v3,v4] [pixels=32,224] [width=4]}. Needs
 * {@code FINN_HOME}.
 */
public final class FinnFlowBenchmark {
  private FinnFlowBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    String[] nets = (args.length > 1 ? args[1] : "baseline,v1,v2,v3,v4").split(",");
    String[] pixels = (args.length > 2 ? args[2] : "32,224").split(",");
    int width = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    String home = System.getenv(FinnRunner.FINN_HOME);
    if (home == null || home.isBlank()) {
      throw new IllegalArgumentException("FINN_HOME is not set: point it at a FINN install");
    }
    FinnRunner finn = FinnRunner.fromFinnHome(home, Duration.ofHours(2));
    ObjectMapper json = new ObjectMapper();
    Map<String, Double> seconds = new LinkedHashMap<>();
    try (NDManager manager = NDManager.newBaseManager()) {
      for (String net : nets) {
        for (String px : pixels) {
          int p = Integer.parseInt(px.trim());
          Path dir = work.resolve(net + "-" + p);
          FinnFolders.write(
              manager,
              dir,
              architecture(net.trim()),
              QuantSpec.NASH_PAPER,
              width,
              new ImageShape(3, p, p),
              10,
              "U250",
              2000,
              7);
          long t0 = System.nanoTime();
          HwReport r = finn.run(dir);
          double s = (System.nanoTime() - t0) / 1e9;
          seconds.put(net.trim() + "@" + p, s);
          JsonNode steps = json.readTree(dir.resolve("output/time_per_step.json").toFile());
          StringBuilder st = new StringBuilder();
          for (Iterator<Map.Entry<String, JsonNode>> it = steps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            st.append(st.length() == 0 ? "" : ", ")
                .append(
                    String.format(
                        Locale.ROOT, "\"%s\": %.1f", e.getKey(), e.getValue().asDouble()));
          }
          System.out.printf(
              Locale.ROOT,
              "{\"network\": \"%s\", \"input\": \"3x%dx%d\", \"width\": %d, \"seconds\": %.1f,"
                  + " \"hw_layers\": %d, \"steps\": {%s}}%n",
              net.trim(),
              p,
              p,
              width,
              s,
              r.nodeNames().size(),
              st);
        }
      }
    }
    StringBuilder ratios = new StringBuilder();
    for (String net : nets) {
      Double small = seconds.get(net.trim() + "@32"), big = seconds.get(net.trim() + "@224");
      if (small != null && big != null) {
        ratios
            .append(ratios.length() == 0 ? "" : ", ")
            .append(String.format(Locale.ROOT, "\"%s\": %.2f", net.trim(), big / small));
      }
    }
    System.out.printf("{\"seconds_224_over_32\": {%s}}%n", ratios);
  }

  static Architecture architecture(String net) {
    return switch (net) {
      case "baseline" -> Architecture.baseline(Backbone.RESNET18);
      case "v1" -> Architecture.of(PublishedGenotypes.V1);
      case "v2" -> Architecture.of(PublishedGenotypes.V2);
      case "v3" -> Architecture.of(PublishedGenotypes.V3);
      case "v4" -> Architecture.of(PublishedGenotypes.V4);
      default ->
          throw new IllegalArgumentException(
              "network = '" + net + "': allowed baseline, v1, v2, v3, v4");
    };
  }
}
