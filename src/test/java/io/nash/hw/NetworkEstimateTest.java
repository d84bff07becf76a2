package io.nash.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nash.hw.GraphBuilder.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Network-level estimates: the CNV-w1a1 anchor and a hand-checked critical path. */
class NetworkEstimateTest {

  /**
   * BNN-PYNQ CNV-w1a1 built with the graph API: 32x32x3 UINT8, convs 64-64-P-128-128-P-256-256
   * (3x3, no padding), FCs 512-512-10, the finn-examples folding. Sliding windows keep SIMD = C.
   */
  static HwGraph cnv() {
    DspType dsp = DspType.DSP48E1;
    GraphBuilder b = new GraphBuilder(new StreamShape(32, 32, 3, DataType.uint(8)));
    int[][] fold = {
      {16, 3}, {32, 32}, {16, 32}, {16, 32}, {4, 32}, {1, 32}, {1, 4}, {1, 8}, {5, 1}
    };
    int[] convs = {64, 64, -1, 128, 128, -1, 256, 256};
    Tensor t = b.input();
    int layer = 0;
    for (int c : convs) {
      StreamShape s = t.shape();
      if (c < 0) {
        t = b.add(new StreamingMaxPool(s.h(), s.w(), s.c(), 2, s.type(), 1), t);
        continue;
      }
      Swg win = Swg.create(s.h(), s.w(), s.c(), 3, 1, s.type(), false);
      t = b.add(win, t);
      Mvau m =
          Mvau.create(
              win.ofmH(),
              win.ofmW(),
              false,
              9 * s.c(),
              c,
              s.type(),
              DataType.BIPOLAR,
              true,
              DataType.BIPOLAR,
              dsp);
      t = b.add(m.withFold(fold[layer][0], fold[layer][1], false), t);
      layer++;
    }
    int[] fcs = {512, 512, 10};
    for (int i = 0; i < fcs.length; i++) {
      StreamShape s = t.shape();
      DataType out = i == fcs.length - 1 ? null : DataType.BIPOLAR;
      Mvau m = Mvau.create(1, 1, true, s.c(), fcs[i], s.type(), DataType.BIPOLAR, true, out, dsp);
      t = b.add(m.withFold(fold[layer][0], fold[layer][1], false), t);
      layer++;
    }
    t = b.add(new LabelSelect(10, 1, t.shape().type(), 1), t);
    return b.build(t);
  }

  @Test
  void cnvW1A1WithFinnExamplesFolding() {
    HwGraph g = cnv();
    HwReport r = Estimator.estimate(g, DspType.DSP48E1, 5.0);
    List<Long> mvau = new ArrayList<>();
    r.layerCycles()
        .forEach(
            (k, v) -> {
              if (k.startsWith("MVAU_hls_")) {
                mvau.add(v);
              }
            });
    // finn-reference.md section 7: conv0..5 and fc0..2 cycles
    assertEquals(
        List.of(32400L, 28224L, 20736L, 28800L, 20736L, 18432L, 32768L, 32768L, 1024L), mvau);
    assertEquals(32768, r.maxCycles());
    // fc0 is the first layer reaching 32,768 (ties keep the earliest)
    assertEquals("MVAU_hls_6", r.maxCyclesNode());
    // 2e8 / 32768 = 6103.515625 fps
    assertEquals(6103.515625, r.fps(), 1e-9);
    // conv0's MVAU takes UINT8 pixels with bipolar weights: not XNOR; conv1 on is XNOR
    assertEquals(0, g.node(1).op().attributes().get("binaryXnorMode"));
    assertEquals(1, g.node(3).op().attributes().get("binaryXnorMode"));
    // first window: rtl default style, buffer (2*32+3)*1 = 67; 67 + 30*max(270, 32) = 8167
    assertEquals(8167L, r.layerCycles().get("ConvolutionInputGenerator_rtl_0"));
    // max pools: int(28*28*1.25) = 980 and int(10*10*1.25) = 125
    assertEquals(980L, r.layerCycles().get("StreamingMaxPool_hls_0"));
    assertEquals(125L, r.layerCycles().get("StreamingMaxPool_hls_1"));
  }

  @Test
  void criticalPathOverAFork() {
    // in 4x4x8 INT8 -> T0 (PE 2) -> fork -> T1 (PE 1) -> Add(fork, T1) (PE 4)
    GraphBuilder b = new GraphBuilder(new StreamShape(4, 4, 8, DataType.sint(8)));
    Tensor t0 =
        b.add(
            Thresholding.create(4, 4, false, 8, DataType.sint(8), DataType.sint(4))
                .withFold(2, 1, false),
            b.input());
    Tensor t1 = b.add(Thresholding.create(4, 4, false, 8, DataType.sint(4), DataType.sint(4)), t0);
    Tensor sum = b.add(new AddStreams(4, 4, 8, DataType.sint(4), DataType.sint(4), 4), t0, t1);
    HwGraph g = b.build(sum);
    assertEquals(
        List.of(
            "Thresholding_rtl_0",
            "DuplicateStreams_hls_0",
            "Thresholding_rtl_1",
            "AddStreams_hls_0"),
        g.nodes().stream().map(HwGraph.Node::name).toList());
    HwReport r = Estimator.estimate(g, DspType.DSP48E2, 5.0);
    // cycles: T0 16*8/2 = 64, Dup 16*8 = 128, T1 128, Add 16*8/4 = 32
    assertEquals(
        Map.of(
            "Thresholding_rtl_0",
            64L,
            "DuplicateStreams_hls_0",
            128L,
            "Thresholding_rtl_1",
            128L,
            "AddStreams_hls_0",
            32L),
        r.layerCycles());
    // latencies: T0 64, Dup 192, T1 320, Add max(192, 320) + 32 = 352
    assertEquals(352, r.criticalPathCycles());
    // max 128, first reached by the DuplicateStreams (strict >)
    assertEquals(128, r.maxCycles());
    assertEquals("DuplicateStreams_hls_0", r.maxCyclesNode());
    // 2e8 / 128 = 1,562,500 fps; 352 * 5 ns = 1760 ns
    assertEquals(1562500.0, r.fps());
    assertEquals(1760.0, r.latencyNs());
    // FINN's own key order and Python's json.dump(indent=2) form
    assertEquals(
        "{\n  \"critical_path_cycles\": 352,\n  \"max_cycles\": 128,\n  \"max_cycles_node_name\": \"DuplicateStreams_hls_0\",\n"
            + "  \"estimated_throughput_fps\": 1562500.0,\n  \"estimated_latency_ns\": 1760.0\n}",
        r.networkPerformanceJson());
  }

  @Test
  void reportJsonKeysAndTotals() {
    HwReport r = Estimator.estimate(cnv(), DspType.DSP48E1, 5.0);
    String res = r.layerResourcesJson();
    // per-node keys in FINN's order, total without efficiency keys and as floats
    int i = res.indexOf("\"MVAU_hls_0\"");
    String node = res.substring(i, res.indexOf('}', i));
    assertEquals(
        List.of("BRAM_18K", "BRAM_efficiency", "LUT", "URAM", "URAM_efficiency", "DSP"),
        keys(node));
    String total = res.substring(res.indexOf("\"total\""));
    assertEquals(List.of("BRAM_18K", "LUT", "URAM", "DSP"), keys(total));
    assertEquals(
        String.valueOf(r.total().lut()), total.replaceAll("(?s).*\"LUT\": ([0-9.]+).*", "$1"));
    // op counts: conv0 MACs 27*64*900 = 1,555,200 at 1x8 bits, weights 27*64 = 1728
    String counts = r.opAndParamCountsJson();
    assertEquals(true, counts.contains("\"op_mac_1bx8b\": 1555200"));
    assertEquals(true, counts.contains("\"param_weight_1b\": 1728"));
  }

  private static List<String> keys(String json) {
    List<String> k = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\n\\s+\"([A-Za-z_0-9]+)\":").matcher(json);
    while (m.find()) {
      k.add(m.group(1));
    }
    return k;
  }

  @Test
  void pythonFloatRepr() {
    assertEquals("6103.515625", PyJson.pyFloat(6103.515625));
    assertEquals("12.0", PyJson.pyFloat(12));
    assertEquals("1e-05", PyJson.pyFloat(1e-5));
    assertEquals("0.0001", PyJson.pyFloat(1e-4));
    assertEquals("1e+16", PyJson.pyFloat(1e16));
    assertEquals("123456789.0", PyJson.pyFloat(123456789.0));
  }
}
