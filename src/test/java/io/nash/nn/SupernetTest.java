package io.nash.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.space.ArchWeights;
import io.nash.space.Backbone;
import io.nash.space.NashVersion;
import io.nash.space.Op;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Forward and backward of the supernet for every backbone, version and input shape. */
class SupernetTest {
  @org.junit.jupiter.api.BeforeAll
  static void oneThread() {
    TorchThreads.single();
  }

  static float[] images(int n, int c, int s, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * c * s * s];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  @ParameterizedTest
  @CsvSource({
    "resnet18, v1, 1, 28", "resnet18, v2, 1, 28", "resnet18, v3, 1, 28", "resnet18, v4, 1, 28",
    "resnet18, v1, 3, 32", "resnet18, v2, 3, 32", "resnet18, v3, 3, 32", "resnet18, v4, 3, 32",
    "resnet34, v1, 1, 28", "resnet34, v2, 1, 28", "resnet34, v3, 1, 28", "resnet34, v4, 1, 28",
    "resnet34, v1, 3, 32", "resnet34, v2, 3, 32", "resnet34, v3, 3, 32", "resnet34, v4, 3, 32"
  })
  void forwardAndBackward(String backbone, String version, int channels, int size) {
    Backbone b = Backbone.fromName(backbone);
    NashVersion v = NashVersion.fromName(version);
    SupernetSpec spec = SupernetSpec.of(b, v, 4, channels, size, 10);
    try (Supernet net = Supernet.build(spec)) {
      net.loadWeights(net.initialWeights(1));
      ArchWeights alpha = ArchWeights.init(b, v, 2);
      net.loadAlpha(alpha.flat());
      float[] x = images(2, channels, size, 3);
      int[] y = {3, 7};
      SampledPath path = SampledPath.sample(alpha, 5);

      StepGradients w = net.weightGradients(x, y, path);
      assertTrue(w.loss() > 0.5 && w.loss() < 10, "loss " + w.loss());
      assertArrayEquals(net.touchedTensors(path), w.tensors());
      for (int k = 0; k < w.tensors().length; k++) {
        long size0 = Arrays.stream(net.tensorShape(w.tensors()[k])).reduce(1, (p, q) -> p * q);
        assertEquals(size0, w.grads()[k].length);
        for (float g : w.grads()[k]) {
          assertTrue(Float.isFinite(g), net.tensorName(w.tensors()[k]));
        }
      }
      assertTrue(maxAbs(w.grads()[0]) > 0, "stem gets a gradient");

      StepGradients a = net.archGradients(x, y, path);
      assertEquals(b.totalEdges() * v.ops().size(), a.alphaGrad().length);
      // forward values of both steps are the same network on the same path
      assertEquals(w.loss(), a.loss(), 1e-5);
      int nonzeroEdges = 0;
      for (int e = 0; e < b.totalEdges(); e++) {
        float m = 0;
        for (int k = 0; k < v.ops().size(); k++) {
          float g = a.alphaGrad()[e * v.ops().size() + k];
          assertTrue(Float.isFinite(g));
          m = Math.max(m, Math.abs(g));
        }
        nonzeroEdges += m > 0 ? 1 : 0;
      }
      assertTrue(nonzeroEdges > b.totalEdges() / 2, nonzeroEdges + " edges with alpha gradient");
    }
  }

  /**
   * Regression test for oneDNN's padded-channel convolutions (see {@link TorchRuntime}): before
   * networks of width 4 switched oneDNN off, about 1.5 % of these gradient computations came back
   * NaN in the earliest layers, so 8 networks x 12 computations caught it in most runs.
   */
  @ParameterizedTest
  @CsvSource({
    "resnet18, v1, 1, 28", "resnet18, v4, 3, 32", "resnet34, v2, 3, 32", "resnet34, v3, 1, 28",
    "resnet18, v2, 1, 28", "resnet18, v3, 3, 32", "resnet34, v1, 3, 32", "resnet34, v4, 1, 28"
  })
  void gradientsAreExactlyRepeatableAtNarrowWidth(
      String backbone, String version, int channels, int size) {
    Backbone b = Backbone.fromName(backbone);
    NashVersion v = NashVersion.fromName(version);
    try (Supernet net = Supernet.build(SupernetSpec.of(b, v, 4, channels, size, 10))) {
      assertEquals(Boolean.FALSE, TorchRuntime.oneDnnEnabled(), "width 4 turns oneDNN off");
      net.loadWeights(net.initialWeights(11));
      ArchWeights alpha = ArchWeights.init(b, v, 12);
      net.loadAlpha(alpha.flat());
      float[] x = images(2, channels, size, 13);
      int[] y = {1, 8};
      SampledPath path = SampledPath.sample(alpha, 14);
      StepGradients w0 = net.weightGradients(x, y, path);
      StepGradients a0 = net.archGradients(x, y, path);
      assertTrue(w0.finite() && a0.finite());
      for (int rep = 0; rep < 5; rep++) {
        StepGradients w = net.weightGradients(x, y, path);
        StepGradients a = net.archGradients(x, y, path);
        assertArrayEquals(a0.alphaGrad(), a.alphaGrad(), "alpha gradient, repeat " + rep);
        for (int k = 0; k < w0.grads().length; k++) {
          assertArrayEquals(w0.grads()[k], w.grads()[k], net.tensorName(w0.tensors()[k]));
        }
      }
    }
  }

  @Test
  void batchNormCalibrationOnOneBatchEqualsThatBatchsOwnStatistics() {
    SupernetSpec spec = SupernetSpec.of(Backbone.RESNET18, NashVersion.V2, 4, 1, 28, 10);
    try (Supernet net = Supernet.build(spec)) {
      net.loadWeights(net.initialWeights(21));
      ArchWeights alpha = ArchWeights.init(Backbone.RESNET18, NashVersion.V2, 22);
      SampledPath path = SampledPath.sample(alpha, 23);
      float[] b1 = images(8, 1, 28, 24);
      float[] b2 = images(8, 1, 28, 25);
      for (int i = 0; i < b2.length; i++) {
        b2[i] = 3 * b2[i] + 1; // a batch with other statistics
      }
      float[] own = net.logits(b1, 8, path);
      // statistics of b1 alone are b1's batch statistics: same logits
      net.calibrateBatchNorm(List.of(b1), path);
      assertArrayEquals(own, net.logits(b1, 8, path), 2e-4f);
      // statistics of b1 and b2 together are not: other logits
      net.calibrateBatchNorm(List.of(b1, b2), path);
      float[] pooled = net.logits(b1, 8, path);
      assertTrue(maxDiff(own, pooled) > 1e-2, "pooled statistics change the logits");
      // another path is not calibrated: batch statistics
      SampledPath other = SampledPath.sample(alpha, 99);
      float[] otherOwn = net.logits(b1, 8, other);
      net.clearBatchNormStatistics();
      assertArrayEquals(otherOwn, net.logits(b1, 8, other), 1e-6f);
      assertArrayEquals(own, net.logits(b1, 8, path), 1e-6f);
    }
  }

  private static float maxDiff(float[] a, float[] b) {
    float m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  @Test
  void weightStepTouchesBackbonePlusSampledOpsOnly() {
    SupernetSpec spec = SupernetSpec.of(Backbone.RESNET18, NashVersion.V1, 4, 1, 28, 10);
    try (Supernet net = Supernet.build(spec)) {
      int conv3 = NashVersion.V1.opIndex(Op.CONV_3X3);
      SampledPath path = SampledPath.uniform(Backbone.RESNET18, NashVersion.V1, conv3);
      Set<String> names = new HashSet<>();
      for (int id : net.touchedTensors(path)) {
        names.add(net.tensorName(id));
      }
      assertTrue(names.contains("g1.e0.conv_3x3.w"));
      assertTrue(names.contains("g0.layer3.conv.w"));
      assertTrue(names.contains("fc.b"));
      assertTrue(names.stream().noneMatch(n -> n.contains("conv_5x5") || n.contains("skip")));
      // stem 3 + per group 4 layers x 3 + shortcut 3, fc 2, one conv per edge (40 edges)
      assertEquals(3 + 4 * (12 + 3) + 2 + 40, names.size());
    }
  }

  @Test
  void gradientsDoNotAccumulateAcrossCalls() {
    SupernetSpec spec = SupernetSpec.of(Backbone.RESNET18, NashVersion.V2, 4, 1, 28, 10);
    try (Supernet net = Supernet.build(spec)) {
      net.loadWeights(net.initialWeights(4));
      ArchWeights alpha = ArchWeights.init(Backbone.RESNET18, NashVersion.V2, 1);
      net.loadAlpha(alpha.flat());
      float[] x = images(2, 1, 28, 9);
      int[] y = {1, 2};
      SampledPath path = SampledPath.sample(alpha, 8);
      StepGradients w1 = net.weightGradients(x, y, path);
      StepGradients w2 = net.weightGradients(x, y, path);
      for (int k = 0; k < w1.grads().length; k++) {
        assertArrayEquals(w1.grads()[k], w2.grads()[k], 1e-6f, net.tensorName(w1.tensors()[k]));
      }
      assertArrayEquals(
          net.archGradients(x, y, path).alphaGrad(),
          net.archGradients(x, y, path).alphaGrad(),
          1e-6f);
    }
  }

  @Test
  void exportImportRoundTripAndMacs() {
    SupernetSpec spec = SupernetSpec.of(Backbone.RESNET18, NashVersion.V4, 4, 3, 32, 10);
    try (Supernet net = Supernet.build(spec)) {
      float[][] init = net.initialWeights(5);
      net.loadWeights(init);
      float[][] back = net.exportWeights();
      for (int i = 0; i < init.length; i++) {
        assertArrayEquals(init[i], back[i], 0f, net.tensorName(i));
      }
      assertNotEquals(init[0][0], net.initialWeights(6)[0][0]);
      SampledPath none = SampledPath.uniform(Backbone.RESNET18, NashVersion.V4, 0);
      try (Supernet plain = Supernet.build(spec.asPlain())) {
        // with `none` everywhere the weight step runs exactly the plain backbone's convs
        assertEquals(
            plain.forwardMacs(Supernet.Mode.WEIGHT, none),
            net.forwardMacs(Supernet.Mode.WEIGHT, none));
      }
      // stem 16x16x4x3x49 = 150528; fc 32x10 = 320
      long stemFc = 16L * 16 * 4 * 3 * 49 + 320;
      // g0 (16x16, 4->4): 4 layers 256*4*4*9 = 36864 each + shortcut 256*16 = 4096
      long g0 = 4 * 36864L + 4096;
      assertTrue(net.forwardMacs(Supernet.Mode.WEIGHT, none) > stemFc + g0);
      assertThrows(IllegalArgumentException.class, () -> net.loadWeights(new float[3][]));
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> net.weightGradients(new float[5], new int[] {1}, none));
      assertTrue(e.getMessage().contains("expected n x 3 x 32 x 32"), e.getMessage());
    }
  }

  static float maxAbs(float[] a) {
    float m = 0;
    for (float v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
