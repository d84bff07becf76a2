package io.nash.nn.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.hw.onnx.OrtRunner;
import io.nash.nn.child.ChildNetwork;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.Genotype;
import io.nash.space.ImageShape;
import io.nash.space.PublishedGenotypes;
import io.nash.space.QuantSpec;
import org.junit.jupiter.api.Test;

/**
 * The plain-ONNX export run in ONNX Runtime gives the DJL network's eval-mode logits (max abs
 * difference <= 1e-4), for the published genotypes and the baseline at width 4.
 */
class ChildExportRuntimeTest extends DjlManagerTest {
  static final int BATCH = 2;

  private static double diff(Architecture a, QuantSpec quant, ImageShape in, long seed)
      throws Exception {
    try (ChildNetwork net = ExportFixtures.network(manager, a, quant, 4, in, seed)) {
      float[] x = ExportFixtures.input(in, BATCH, seed + 100);
      float[] want = ExportFixtures.djlLogits(manager, net, x, BATCH);
      byte[] onnx = ChildExporter.toBytes(net, ExportFormat.ONNX);
      float[] got = OrtRunner.run(onnx, x, BATCH, in.channels(), in.height(), in.width());
      assertEquals(BATCH * 10, got.length);
      double d = OrtRunner.maxAbsDiff(got, want);
      System.out.printf("export %s %s: max |ORT - DJL| = %.3g%n", a.label(), in, d);
      return d;
    }
  }

  @Test
  void publishedGenotypesMatchDjl() throws Exception {
    for (Genotype g : PublishedGenotypes.all()) {
      double d = diff(Architecture.of(g), QuantSpec.NASH_PAPER, new ImageShape(1, 28, 28), 11);
      assertTrue(d <= 1e-4, g.version() + ": max abs diff " + d);
    }
  }

  @Test
  void baselineMatchesDjl() throws Exception {
    assertBaselineMatches(QuantSpec.NASH_PAPER);
  }

  /**
   * The reference baseline's bits (1-bit weights, 2-bit ReLUs): the case where a float floor in the
   * pool used to drop a step on ~2 % of channels (QuantAvgPool now rounds to the integer sum
   * first).
   */
  @Test
  void baselineWithReferenceBitsMatchesDjl() throws Exception {
    assertBaselineMatches(QuantSpec.BASELINE_PAPER);
  }

  private static void assertBaselineMatches(QuantSpec quant) throws Exception {
    Architecture a = Architecture.baseline(Backbone.RESNET18);
    double d = diff(a, quant, new ImageShape(3, 32, 32), 12);
    assertTrue(d <= 1e-4, "baseline " + quant + ": max abs diff " + d);
  }

  /**
   * Stride-2 ops the published genotypes never use: factorized reduce (the shifted, padded half)
   * and the doubled max pool, on 14 -> 7 and 7 -> 4 maps (odd, so the zero padding is sampled).
   */
  @Test
  void stride2OpsOnOddMapsMatchDjl() throws Exception {
    Genotype g = ExportFixtures.stride2Genotype();
    double d = diff(Architecture.of(g), QuantSpec.NASH_PAPER, new ImageShape(1, 28, 28), 13);
    assertTrue(d <= 1e-4, "stride-2 ops: max abs diff " + d);
  }
}
