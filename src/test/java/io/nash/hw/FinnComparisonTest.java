package io.nash.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known-answer tests of {@link FinnComparison} on two small hand-made report sets in FINN's file
 * format (read back with {@link FinnRunner#readReports}): FINN reports 0 BRAM for the
 * Thresholding_rtl layer (a known difference) and 20 LUT fewer for MVAU_hls_1 (a real one).
 */
class FinnComparisonTest {
  @TempDir Path tmp;

  static final ObjectMapper JSON = new ObjectMapper();

  static final String CYCLES =
      """
      {"MVAU_hls_0": 1000, "Thresholding_rtl_0": 200, "MVAU_hls_1": 800, "LabelSelect_hls_0": 10}
      """;
  static final String PERF =
      """
      {"critical_path_cycles": 2010, "max_cycles": 1000, "max_cycles_node_name": "MVAU_hls_0",
       "estimated_throughput_fps": 200000.0, "estimated_latency_ns": 10050.0}
      """;

  static String resources(int thrBram, int mvau1Lut, double totalBram, double totalLut) {
    return """
        {"MVAU_hls_0": {"BRAM_18K": 7, "BRAM_efficiency": 0.5, "LUT": 1234, "URAM": 0,
          "URAM_efficiency": 1, "DSP": 3},
         "Thresholding_rtl_0": {"BRAM_18K": %d, "BRAM_efficiency": 1, "LUT": 300, "URAM": 0,
          "URAM_efficiency": 1, "DSP": 0},
         "MVAU_hls_1": {"BRAM_18K": 2, "BRAM_efficiency": 0.25, "LUT": %d, "URAM": 0,
          "URAM_efficiency": 1, "DSP": 0},
         "LabelSelect_hls_0": {"BRAM_18K": 0, "BRAM_efficiency": 1, "LUT": 66, "URAM": 0,
          "URAM_efficiency": 1, "DSP": 0},
         "total": {"BRAM_18K": %s, "LUT": %s, "URAM": 0.0, "DSP": 3.0}}
        """
        .formatted(thrBram, mvau1Lut, totalBram, totalLut);
  }

  HwReport reports(String name, String cycles, String resources, String perf) throws Exception {
    Path d = Files.createDirectories(tmp.resolve(name).resolve("report"));
    Files.writeString(d.resolve("estimate_layer_cycles.json"), cycles);
    Files.writeString(d.resolve("estimate_layer_resources.json"), resources);
    Files.writeString(d.resolve("estimate_network_performance.json"), perf);
    return FinnRunner.readReports(d);
  }

  /** Ours: Thresholding BRAM 4, MVAU_hls_1 LUT 1500; totals BRAM 13, LUT 3100. */
  HwReport ours() throws Exception {
    return reports("ours", CYCLES, resources(4, 1500, 13, 3100), PERF);
  }

  static JsonNode layer(JsonNode c, String name) {
    for (JsonNode l : c.get("layers")) {
      if (l.get("name").asText().equals(name)) {
        return l;
      }
    }
    throw new AssertionError("no layer " + name + " in " + c);
  }

  @Test
  void aThresholdingBramGapIsKnownAndALutGapIsReal() throws Exception {
    // FINN: Thresholding BRAM 0, MVAU_hls_1 LUT 1480; totals BRAM 9, LUT 3080.
    HwReport finn = reports("finn", CYCLES, resources(0, 1480, 9, 3080), PERF);
    FinnComparison c = FinnComparison.compare(ours(), finn);
    assertFalse(c.equal());
    assertEquals(9.0, c.finnBram18k());
    assertEquals(4.0, c.thresholdingBramLeftOut());
    assertEquals(13.0, c.rowBram18k());

    JsonNode j = JSON.valueToTree(c.toMap());
    assertEquals(1, j.get("schema").asInt());
    assertFalse(j.get("equal").asBoolean());
    assertEquals(4, j.get("layers_compared").asInt());
    assertEquals(3, j.get("layers_equal").asInt());
    assertEquals(9, j.get("finn_BRAM_18K").asLong());
    assertEquals(4, j.get("thresholding_BRAM_18K_left_out").asLong());
    assertEquals(13, j.get("row_BRAM_18K").asLong());
    // the layers in our report's order
    assertEquals("MVAU_hls_0", j.get("layers").get(0).get("name").asText());
    assertEquals("LabelSelect_hls_0", j.get("layers").get(3).get("name").asText());

    JsonNode mvau0 = layer(j, "MVAU_hls_0");
    assertTrue(mvau0.get("equal").asBoolean());
    assertEquals(
        "{\"cycles\":1000,\"LUT\":1234,\"BRAM_18K\":7,\"URAM\":0,\"DSP\":3}",
        mvau0.get("ours").toString());
    assertEquals(mvau0.get("ours"), mvau0.get("finn"));

    JsonNode thr = layer(j, "Thresholding_rtl_0");
    assertTrue(thr.get("equal").asBoolean(), thr.toString());
    assertEquals(0, thr.get("differences").size());
    assertEquals(4, thr.get("ours").get("BRAM_18K").asLong());
    assertEquals(0, thr.get("finn").get("BRAM_18K").asLong());
    JsonNode k = thr.get("known_differences").get(0);
    assertEquals("BRAM_18K", k.get("metric").asText());
    assertEquals(4, k.get("ours").asLong());
    assertEquals(0, k.get("finn").asLong());
    assertEquals(FinnComparison.THRESHOLDING_BRAM_REASON, k.get("reason").asText());
    assertTrue(k.get("reason").asText().contains("\"BRAM18\""));

    JsonNode mvau1 = layer(j, "MVAU_hls_1");
    assertFalse(mvau1.get("equal").asBoolean());
    assertEquals("[\"LUT\"]", mvau1.get("differences").toString());
    assertEquals(1500, mvau1.get("ours").get("LUT").asLong());
    assertEquals(1480, mvau1.get("finn").get("LUT").asLong());
    assertEquals(0, mvau1.get("known_differences").size());

    JsonNode all = j.get("known_differences");
    assertEquals(1, all.size());
    assertEquals("Thresholding_rtl_0", all.get(0).get("layer").asText());

    JsonNode total = j.get("total");
    assertFalse(total.get("equal").asBoolean());
    assertEquals("[\"LUT\"]", total.get("differences").toString());
    assertEquals(
        "{\"LUT\":3100,\"BRAM_18K\":13,\"URAM\":0,\"DSP\":3}", total.get("ours").toString());
    assertEquals(
        "{\"LUT\":3080,\"BRAM_18K\":9,\"URAM\":0,\"DSP\":3}", total.get("finn").toString());
    JsonNode tk = total.get("known_differences").get(0);
    assertEquals("BRAM_18K", tk.get("metric").asText());
    assertEquals(13, tk.get("ours").asLong());
    assertEquals(9, tk.get("finn").asLong());
    assertTrue(tk.get("reason").asText().startsWith("FINN's total lacks the 4 BRAM_18K"));

    JsonNode net = j.get("network");
    assertTrue(net.get("equal").asBoolean());
    assertEquals(1000, net.get("finn").get("max_cycles").asLong());
    assertEquals(200000, net.get("finn").get("estimated_throughput_fps").asLong());
    assertEquals("MVAU_hls_0", net.get("ours").get("max_cycles_node_name").asText());
  }

  @Test
  void onlyTheThresholdingBramDifferingIsEqual() throws Exception {
    HwReport finn = reports("finn", CYCLES, resources(0, 1500, 9, 3100), PERF);
    FinnComparison c = FinnComparison.compare(ours(), finn);
    assertTrue(c.equal());
    assertEquals(13.0, c.rowBram18k()); // = ours
    JsonNode j = JSON.valueToTree(c.toMap());
    assertEquals(4, j.get("layers_equal").asInt());
    assertTrue(j.get("total").get("equal").asBoolean());
  }

  @Test
  void aNonzeroThresholdingBramGapAndMissingLayersAreRealDifferences() throws Exception {
    // FINN counts 3 BRAM (not 0) for Thresholding_rtl_0: not the known quirk
    HwReport finn3 = reports("finn3", CYCLES, resources(3, 1500, 12, 3100), PERF);
    FinnComparison c3 = FinnComparison.compare(ours(), finn3);
    assertFalse(c3.equal());
    assertEquals(0.0, c3.thresholdingBramLeftOut());
    assertEquals(12.0, c3.rowBram18k());
    JsonNode thr = layer(JSON.valueToTree(c3.toMap()), "Thresholding_rtl_0");
    assertEquals("[\"BRAM_18K\"]", thr.get("differences").toString());

    // FINN has an extra FIFO and no LabelSelect; a slower max cycle count
    String cycles =
        "{\"MVAU_hls_0\": 1100, \"Thresholding_rtl_0\": 200, \"MVAU_hls_1\": 800,"
            + " \"StreamingFIFO_rtl_0\": 2}";
    String res =
        resources(4, 1500, 13, 3100).replace("\"LabelSelect_hls_0\"", "\"StreamingFIFO_rtl_0\"");
    String perf = PERF.replace("\"max_cycles\": 1000", "\"max_cycles\": 1100");
    FinnComparison c = FinnComparison.compare(ours(), reports("finn4", cycles, res, perf));
    JsonNode j = JSON.valueToTree(c.toMap());
    assertFalse(c.equal());
    assertEquals(5, j.get("layers_compared").asInt());
    assertEquals("[\"cycles\"]", layer(j, "MVAU_hls_0").get("differences").toString());
    assertEquals(
        "[\"missing in finn\"]", layer(j, "LabelSelect_hls_0").get("differences").toString());
    JsonNode fifo = layer(j, "StreamingFIFO_rtl_0");
    assertEquals("[\"missing in ours\"]", fifo.get("differences").toString());
    assertTrue(fifo.get("ours").isNull());
    assertEquals(2, fifo.get("finn").get("cycles").asLong());
    assertEquals("[\"max_cycles\"]", j.get("network").get("differences").toString());
  }
}
