package io.nash.nn.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.hw.FinnComparison;
import io.nash.hw.FinnRunner;
import io.nash.hw.HwReport;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.ImageShape;
import io.nash.space.PublishedGenotypes;
import io.nash.space.QuantSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build folder we write, through FINN's own flow ({@code build.py} run by the FINN install at
 * {@code FINN_HOME}): FINN ends with our HW layers, carrying our attributes, and its estimate
 * reports equal ours.
 *
 * <p>The folders are lowered with the exported model's trained values ({@link
 * io.nash.hw.TrainedValues}), so the widths FINN's bit-width minimisation derives from data (MVAU
 * weight and accumulator types, threshold types) are ours too. Everything is equal: the layers, op
 * types and every attribute, the cycles, LUT, BRAM_18K, URAM and DSP of every layer
 * (Thresholding_rtl BRAM aside, which FINN v0.10.1 reports as 0, see {@link FinnComparison}), the
 * totals and the network performance.
 */
@Tag("finn")
class FinnFlowTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ImageShape SMALL = new ImageShape(3, 32, 32);

  static FinnRunner finn;
  static NDManager manager;
  static java.util.concurrent.ExecutorService builds;
  static final Map<String, java.util.concurrent.Future<Build>> BUILT = new java.util.HashMap<>();

  @TempDir static Path root;

  /** One network through FINN: its folder, our report, FINN's report and the build time. */
  record Build(Path dir, String what, HwReport ours, HwReport finn, double seconds) {}

  @BeforeAll
  static void locateFinn() {
    finn = FinnFolders.finn(Duration.ofMinutes(20));
    manager = NDManager.newBaseManager();
    // FINN's flow is single-threaded Python: the five builds run two at a time
    builds = java.util.concurrent.Executors.newFixedThreadPool(2);
    submit("v2-224", Architecture.of(PublishedGenotypes.V2), new ImageShape(3, 224, 224));
    submit("v4", Architecture.of(PublishedGenotypes.V4), SMALL);
    submit("v1", Architecture.of(PublishedGenotypes.V1), SMALL);
    submit("baseline", Architecture.baseline(Backbone.RESNET18), SMALL);
    // what a search may derive and the published genotypes never use: the factorized reduce and
    // the doubled max pool at stride 2, on odd maps
    submit("stride2", Architecture.of(ExportFixtures.stride2Genotype()), new ImageShape(1, 28, 28));
  }

  /** Writes the folder (here, one at a time: DJL export) and queues FINN's flow on it. */
  static void submit(String key, Architecture arch, ImageShape in) {
    Path dir = root.resolve(key);
    FinnFolders.write(manager, dir, arch, QuantSpec.NASH_PAPER, 4, in, 10, "U250", 2000, 7);
    String what = arch.label() + " " + in + " width 4";
    BUILT.put(
        key,
        builds.submit(
            () -> {
              long t0 = System.nanoTime();
              HwReport theirs = finn.run(dir);
              double s = (System.nanoTime() - t0) / 1e9;
              return new Build(
                  dir, what, FinnRunner.readReports(dir.resolve("nash-report")), theirs, s);
            }));
  }

  @AfterAll
  static void close() {
    if (builds != null) {
      builds.shutdownNow();
    }
    if (manager != null) {
      manager.close();
    }
  }

  @Test
  void baseline() throws Exception {
    check(BUILT.get("baseline").get());
  }

  @Test
  void v1() throws Exception {
    check(BUILT.get("v1").get());
  }

  @Test
  void v4() throws Exception {
    check(BUILT.get("v4").get());
  }

  @Test
  void stride2OpsOnOddMaps() throws Exception {
    check(BUILT.get("stride2").get());
  }

  @Test
  void v2At224Pixels() throws Exception {
    check(BUILT.get("v2-224").get());
  }

  /** Checks FINN's layers and reports of one build against ours. */
  static void check(Build b) throws Exception {
    Path dir = b.dir();
    HwReport theirs = b.finn();
    HwReport ours = b.ours();
    String what = b.what();

    // 1. FINN's HW layers are ours: same names (matched by graph position), op types and
    // attributes, the data-dependent widths included
    JsonNode layerCheck =
        JSON.readTree(dir.resolve("output/report/nash_layer_check.json").toFile());
    assertEquals(ours.nodeNames().size(), layerCheck.get("layers").asInt(), what + ": layers");
    assertEquals(
        ours.nodeNames().size(), layerCheck.get("finn_layers").asInt(), what + ": FINN's layers");
    assertEquals(0, layerCheck.get("extra_in_finn").size(), what + ": " + layerCheck);
    assertEquals(
        0,
        layerCheck.get("differences").size(),
        what + ": FINN's layers differ from ours: " + layerCheck.get("differences"));

    // 2. the reports: every layer's cycles and resources, the totals and the network performance
    FinnComparison cmp = FinnComparison.compare(ours, theirs);
    Map<String, Object> m = cmp.toMap();
    assertEquals(ours.nodeNames().size(), ((Number) m.get("layers_compared")).intValue(), what);
    List<String> wrong = new ArrayList<>();
    for (Object o : (List<?>) m.get("layers")) {
      Map<?, ?> l = (Map<?, ?>) o;
      for (Object d : (List<?>) l.get("differences")) {
        wrong.add(l.get("name") + "." + d + ": ours " + l.get("ours") + ", FINN " + l.get("finn"));
      }
    }
    assertEquals(List.of(), wrong, what + ": per-layer estimates differ");
    assertEquals(
        List.of(),
        ((Map<?, ?>) m.get("network")).get("differences"),
        what + ": network performance " + m.get("network"));
    Map<?, ?> total = (Map<?, ?>) m.get("total");
    assertEquals(List.of(), total.get("differences"), what + ": totals " + total);
    assertEquals(ours.total().lut(), theirs.total().lut(), what + ": LUT");
    System.out.printf(
        "FINN flow %s: %.0f s; %d HW layers, all matched to ours with equal attributes; LUT ours"
            + " %.0f, FINN %.0f%n",
        what, b.seconds(), ours.nodeNames().size(), ours.total().lut(), theirs.total().lut());
  }
}
