package io.nash.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.ImageShape;
import io.nash.space.PublishedGenotypes;
import io.nash.space.QuantSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lowering of the published genotypes and the baseline. */
class LoweringTest {
  static final ImageShape IMAGENET = ImageShape.parse("3x224x224");

  static HwGraph lower(Architecture a) {
    return Lowering.lower(a, QuantSpec.NASH_PAPER, IMAGENET, 1000, DspType.DSP48E2);
  }

  static Map<String, Integer> counts(Object... kv) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Integer) kv[i + 1]);
    }
    return m;
  }

  @Test
  void baselineNodeCounts() {
    // stem: FMPad + SWG + MVAU (7x7/2), max pool: FMPad + SWG + Pool.
    // group 0 (stride 1, projection): 4 convs (FMPad+SWG+MVAU each), 1x1/1 projection = MVAU only,
    //   2 adds, Thr: act after each add (2) + identity shortcut (1), forks of s0 and s2 (2 Dup).
    // groups 1-3 (stride 2): same, but the 1x1/2 projection reads a DownSampler (FINN lowers a
    //   strided 1x1 conv on a square map to DownSampler + MVAU, not to a SWG).
    // head: SWG + Pool (avg), classifier MVAU (8-bit weights, 4-bit input, no act -> rtl); the
    // per-class scale, bias and arg-max stay on the host, as in FINN's flow (no LabelSelect).
    // FMPad 2+4*4 = 18, SWG 2+4*4+1 = 19, DownSampler 3, MVAU_hls 1+4*5 = 21, Pool 2, Dup 8,
    // Add 8, Thr 12
    Map<String, Integer> want =
        counts(
            "FMPadding_rtl",
            18,
            "ConvolutionInputGenerator_rtl",
            19,
            "MVAU_hls",
            21,
            "Pool_hls",
            2,
            "DuplicateStreams_hls",
            8,
            "AddStreams_hls",
            8,
            "Thresholding_rtl",
            12,
            "DownSampler_hls",
            3,
            "MVAU_rtl",
            1);
    assertEquals(
        want, sorted(lower(Architecture.baseline(Backbone.RESNET18)).countsByType(), want));
  }

  @Test
  void v4NodeCounts() {
    // V4 has a NAS conv on all 16 nodes: each is MVAU (ReLU) + Thr (re-quantized to the residual
    // type), plus FMPad for k > 1 and a SWG unless 1x1 (a 1x1/2 reads a DownSampler).
    // g0: four 1x1/1; g1: 5x5/2, 3x3/2, 5x5/2, 3x3/2; g2: 3x3/2, 3x3/2, 5x5/2, 1x1/1;
    // g3: 5x5/2, 1x1/2, 3x3/1, 1x1/2 -> NAS FMPad 4+3+2 = 9, SWG 4+3+2 = 9, DownSampler 2,
    // MVAU 16, Thr 16. Every node then has >= 2 addends: per group 6 adds over 4 nodes, so two
    // partial sums are re-quantized to the residual type before the next add (8 Thr), plus
    // 4 act Thr + 1 shortcut Thr per group (20).
    // Forks: g0 s0,s1,s2; g1 s0,s2; g2 s0,s2; g3 s0,s1,s2 = 10.
    Map<String, Integer> want =
        counts(
            "FMPadding_rtl",
            18 + 9,
            "ConvolutionInputGenerator_rtl",
            19 + 9,
            "MVAU_hls",
            21 + 16,
            "Pool_hls",
            2,
            "DuplicateStreams_hls",
            10,
            "Thresholding_rtl",
            20 + 16 + 8,
            "AddStreams_hls",
            24,
            "DownSampler_hls",
            3 + 2,
            "MVAU_rtl",
            1);
    assertEquals(want, sorted(lower(Architecture.of(PublishedGenotypes.V4)).countsByType(), want));
  }

  @Test
  void v1ToV3NodeCounts() {
    // V1: NAS convs g1n0, g2n0, g3n0, g3n1 (4 MVAUs); max pools g0n0, g1n3, g2n1, g2n3, g3n2
    // (5 Pools + stem + head); all stride 1 except the 1x1 convs on s0 of stride-2 groups.
    Map<String, Integer> v1 = lower(Architecture.of(PublishedGenotypes.V1)).countsByType();
    assertEquals(25, v1.get("MVAU_hls"));
    assertEquals(7, v1.get("Pool_hls"));
    assertEquals(24, v1.get("AddStreams_hls"));
    // V2: 6 NAS convs, 8 max pools (its backbone convs keep the backbone width in the child)
    Map<String, Integer> v2 = lower(Architecture.of(PublishedGenotypes.V2)).countsByType();
    assertEquals(21 + 6, v2.get("MVAU_hls") + 1);
    assertEquals(10, v2.get("Pool_hls"));
    // V3: 5 NAS convs, 9 max pools
    Map<String, Integer> v3 = lower(Architecture.of(PublishedGenotypes.V3)).countsByType();
    assertEquals(21 + 5, v3.get("MVAU_hls"));
    assertEquals(11, v3.get("Pool_hls"));
  }

  private static Map<String, Integer> sorted(Map<String, Integer> got, Map<String, Integer> order) {
    Map<String, Integer> m = new LinkedHashMap<>();
    order.keySet().forEach(k -> m.put(k, got.get(k)));
    assertEquals(order.keySet(), got.keySet());
    return m;
  }

  @Test
  void everyEdgeConsistentAndNoDanglingStreams() {
    for (Architecture a :
        List.of(
            Architecture.baseline(Backbone.RESNET18), Architecture.of(PublishedGenotypes.V1),
            Architecture.of(PublishedGenotypes.V2), Architecture.of(PublishedGenotypes.V3),
            Architecture.of(PublishedGenotypes.V4), Architecture.baseline(Backbone.RESNET34))) {
      HwGraph g = lower(a);
      for (int s = 0; s < g.streams().size(); s++) {
        int p = g.producerOf(s);
        int c = g.consumerOf(s);
        assertTrue(p >= 0 || s == g.inputStream(), a + ": stream " + s + " has no producer");
        assertTrue(c >= 0 || s == g.outputStream(), a + ": stream " + s + " has no consumer");
        if (p >= 0 && c >= 0) {
          HwGraph.Node pn = g.node(p);
          HwGraph.Node cn = g.node(c);
          StreamShape out = pn.op().outputs().get(pn.outputs().indexOf(s));
          StreamShape in = cn.op().inputs().get(cn.inputs().indexOf(s));
          assertEquals(out, in, a + ": " + pn.name() + " -> " + cn.name());
          assertTrue(p < c, a + ": " + pn.name() + " must come before " + cn.name());
        }
      }
      // the host quantizes the image to INT8 (the export's input quantizer, scale 1/32)
      assertEquals(new StreamShape(224, 224, 3, DataType.sint(8)), g.inputShape());
      // the accelerator ends at the classifier's raw sums: one per class, arg-max on the host
      assertEquals(1000, g.outputShape().c(), a + ": classifier outputs");
      assertEquals("MVAU_rtl_0", g.node(g.size() - 1).name());
    }
  }

  @Test
  void smallInputsAndFactorizedReduce() {
    // 1x28x28 with the 3x3/1 stem: 28 -> 28, 14, 7, 4; the final 4x4 map is average pooled.
    HwGraph g =
        Lowering.lower(
            Architecture.of(PublishedGenotypes.V1),
            QuantSpec.NASH_PAPER,
            ImageShape.parse("1x28x28"),
            10,
            DspType.DSP48E2,
            16,
            Stem.SMALL,
            TrainedValues.NONE);
    Swg head = (Swg) g.node(g.size() - 3).op();
    assertEquals(4, head.k());
    assertEquals(128, head.c()); // 8 x width 16
    // a genotype with skip_connect on s0 of a stride-2 group uses the factorized reduce: two
    // binarized 1x1/2 convs and a concat; at 7x7 the shifted branch is padded to 8x8. Their
    // inputs are 8-bit, so they are not XNOR: FINN stores the bipolar weights as INT2.
    io.nash.space.Genotype fr =
        io.nash.space.SpaceJson.parseGenotype(
            "{\"backbone\":\"resnet18\",\"version\":\"v1\",\"groups\":["
                + "[[\"none\",0],[\"none\",0],[\"none\",0],[\"none\",0]],"
                + "[[\"skip_connect\",0],[\"none\",0],[\"none\",0],[\"none\",0]],"
                + "[[\"none\",0],[\"none\",0],[\"none\",0],[\"none\",0]],"
                + "[[\"skip_connect\",0],[\"max_pool_3x3\",0],[\"none\",0],[\"none\",0]]]}");
    HwGraph f =
        Lowering.lower(
            Architecture.of(fr),
            QuantSpec.NASH_PAPER,
            ImageShape.parse("1x28x28"),
            10,
            DspType.DSP48E2,
            16,
            Stem.SMALL,
            TrainedValues.NONE);
    Map<String, Integer> c = f.countsByType();
    // two reduces + one strided max pool concatenated twice
    assertEquals(3, c.get("StreamingConcat_hls"));
    assertEquals(0, f.ops().stream().filter(o -> o instanceof Mvau m && m.binaryXnor()).count());
    long binarized =
        f.ops().stream()
            .filter(o -> o instanceof Mvau m && m.weight().equals(DataType.sint(2)))
            .count();
    assertEquals(4, binarized);
  }

  @Test
  void badInputsAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Lowering.lower(
                    Architecture.baseline(Backbone.RESNET18),
                    QuantSpec.NASH_PAPER,
                    IMAGENET,
                    1,
                    DspType.DSP48E2));
    assertEquals("classes = 1: must be >= 2", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ImageShape.parse("224x224"));
  }
}
