package io.nash.nn.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.hw.FinnComparison;
import io.nash.hw.FinnRunner;
import io.nash.hw.HwReport;
import io.nash.nn.child.InputShape;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.PublishedGenotypes;
import io.nash.space.QuantSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build folder we write, through FINN's own flow ({@code build.py} run by the FINN install at
 * {@code FINN_HOME}): FINN ends with our HW layers, carrying our attributes, and its estimate
 * reports equal ours.
 *
 * <p>What may differ, and how: FINN's {@code MinimizeAccumulatorWidth} sizes an MVAU's accumulator
 * (and a no-activation MVAU's output) from the trained weight values, and its Thresholding layers'
 * threshold type from the trained thresholds; we size both from the datatypes, the widest the
 * weights and thresholds could need. FINN's width is never wider than ours, and only the LUT
 * estimates of those layers depend on it. Everything else is equal: the layers, op types and every
 * other attribute (PE, SIMD, ram_style, mem_mode, ...), the cycles of every layer, the network
 * performance, and BRAM_18K, URAM and DSP of every layer (Thresholding_rtl BRAM aside, which FINN
 * v0.10.1 reports as 0).
 */
@Tag("finn")
class FinnFlowTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final InputShape SMALL = new InputShape(3, 32, 32);

  /** Whether FINN sizes this attribute from trained values (we from the datatypes). */
  static boolean dataDependent(String layer, String attribute) {
    // an MVAU's accumulator (and a no-activation MVAU's output) and a Thresholding layer's
    // threshold type; an MVAU's weight type is not (FINN and we both size it from the bit width)
    return layer.startsWith("MVAU_")
        ? attribute.equals("accDataType") || attribute.equals("outputDataType")
        : layer.startsWith("Thresholding_") && attribute.equals("weightDataType");
  }

  static FinnRunner finn;
  static NDManager manager;
  static java.util.concurrent.ExecutorService builds;
  static final Map<String, java.util.concurrent.Future<Build>> BUILT = new java.util.HashMap<>();

  @TempDir static Path root;

  /** One network through FINN: its folder, our report, FINN's report and the build time. */
  record Build(Path dir, String what, HwReport ours, HwReport finn, double seconds) {}

  @BeforeAll
  static void locateFinn() {
    String home = System.getenv(FinnRunner.FINN_HOME);
    Assumptions.assumeTrue(
        home != null && !home.isBlank(),
        "FINN_HOME is not set: the finn-tagged tests need a FINN v0.10.1 install (a FINN checkout"
            + " with run-docker.sh, or a folder with FINN's python); .ci/run sets it");
    // set but broken: fromFinnHome throws, and the tests fail
    finn = FinnRunner.fromFinnHome(home, Duration.ofMinutes(20));
    manager = NDManager.newBaseManager();
    // FINN's flow is single-threaded Python: the four builds run two at a time
    builds = java.util.concurrent.Executors.newFixedThreadPool(2);
    submit("v2-224", Architecture.of(PublishedGenotypes.V2), new InputShape(3, 224, 224));
    submit("v4", Architecture.of(PublishedGenotypes.V4), SMALL);
    submit("v1", Architecture.of(PublishedGenotypes.V1), SMALL);
    submit("baseline", Architecture.baseline(Backbone.RESNET18), SMALL);
  }

  /** Writes the folder (here, one at a time: DJL export) and queues FINN's flow on it. */
  static void submit(String key, Architecture arch, InputShape in) {
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
    // attributes, data-dependent widths aside (never wider in FINN)
    JsonNode layerCheck =
        JSON.readTree(dir.resolve("output/report/nash_layer_check.json").toFile());
    assertEquals(ours.nodeNames().size(), layerCheck.get("layers").asInt(), what + ": layers");
    assertEquals(
        ours.nodeNames().size(), layerCheck.get("finn_layers").asInt(), what + ": FINN's layers");
    assertEquals(0, layerCheck.get("extra_in_finn").size(), what + ": " + layerCheck);
    List<String> bad = new ArrayList<>();
    int widthDiffs = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = layerCheck.get("differences").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> layer = it.next();
      for (Iterator<Map.Entry<String, JsonNode>> a = layer.getValue().fields(); a.hasNext(); ) {
        Map.Entry<String, JsonNode> attr = a.next();
        String o = attr.getValue().get("ours").asText();
        String f = attr.getValue().get("finn").asText();
        if (dataDependent(layer.getKey(), attr.getKey()) && narrowerOrEqual(f, o)) {
          widthDiffs++;
        } else {
          bad.add(layer.getKey() + "." + attr.getKey() + ": ours " + o + ", FINN " + f);
        }
      }
    }
    assertTrue(bad.isEmpty(), what + ": FINN's layers differ from ours: " + bad);

    // 2. the reports: cycles of every layer, network performance, BRAM/URAM/DSP equal; LUT of a
    // layer only lower in FINN, and only where a width was data-dependent
    FinnComparison cmp = FinnComparison.compare(ours, theirs);
    Map<String, Object> m = cmp.toMap();
    assertEquals(ours.nodeNames().size(), ((Number) m.get("layers_compared")).intValue(), what);
    List<String> wrong = new ArrayList<>();
    int lutDiffers = 0;
    for (Object o : (List<?>) m.get("layers")) {
      Map<?, ?> l = (Map<?, ?>) o;
      // a narrower accumulator or threshold type in FINN changes that layer's LUT (and the
      // memory a Thresholding_rtl picks, whose BRAM FINN reports as 0 anyway); nothing else
      boolean widthDiffers = layerCheck.get("differences").has((String) l.get("name"));
      for (Object d : (List<?>) l.get("differences")) {
        if ("LUT".equals(d) && widthDiffers) {
          lutDiffers++;
        } else {
          wrong.add(
              l.get("name") + "." + d + ": ours " + l.get("ours") + ", FINN " + l.get("finn"));
        }
      }
    }
    assertTrue(wrong.isEmpty(), what + ": per-layer estimates differ: " + wrong);
    assertEquals(
        List.of(),
        ((Map<?, ?>) m.get("network")).get("differences"),
        what + ": network performance " + m.get("network"));
    Map<?, ?> total = (Map<?, ?>) m.get("total");
    List<?> totalDiffs = (List<?>) total.get("differences");
    assertTrue(
        totalDiffs.isEmpty() || (totalDiffs.equals(List.of("LUT")) && lutDiffers > 0),
        what + ": totals " + total);
    System.out.printf(
        "FINN flow %s: %.0f s; %d HW layers, all matched to ours; %d data-dependent widths"
            + " narrower in FINN, LUT of %d layers differs: total ours %.0f, FINN %.0f%n",
        what,
        b.seconds(),
        ours.nodeNames().size(),
        widthDiffs,
        lutDiffers,
        ours.total().lut(),
        theirs.total().lut());
  }

  private static final Pattern TYPE = Pattern.compile("(U?INT|BIPOLAR|BINARY)(\\d*)");

  /** True if FINN's integer type {@code finn} fits in ours ({@code ours}'s range covers it). */
  static boolean narrowerOrEqual(String finn, String ours) {
    long[] f = range(finn), o = range(ours);
    return f != null && o != null && f[0] >= o[0] && f[1] <= o[1];
  }

  private static long[] range(String t) {
    Matcher mt = TYPE.matcher(t);
    if (!mt.matches()) {
      return null;
    }
    return switch (mt.group(1)) {
      case "BIPOLAR" -> new long[] {-1, 1};
      case "BINARY" -> new long[] {0, 1};
      case "UINT" -> new long[] {0, (1L << Integer.parseInt(mt.group(2))) - 1};
      default -> {
        int b = Integer.parseInt(mt.group(2));
        yield new long[] {-(1L << (b - 1)), (1L << (b - 1)) - 1};
      }
    };
  }
}
