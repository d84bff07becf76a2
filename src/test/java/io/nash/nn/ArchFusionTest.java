package io.nash.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.space.ArchWeights;
import io.nash.space.Backbone;
import io.nash.space.NashVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fused architecture step ({@link ArchEdges}: fused convs per state, shared weight-free ops,
 * unsampled candidates off the autograd graph) must give the same loss and alpha gradient as the
 * reference computation, one {@link NashGroup#mixed} per edge with every candidate on the graph.
 * The cases cover 4- and 6-step groups, stride-2 groups (factorized reduce), odd maps (28x28 input:
 * the factorized reduce pads), the 4-op V4 list and V2's binarized backbone.
 */
class ArchFusionTest {
  @BeforeAll
  static void oneThread() {
    TorchThreads.single();
  }

  @ParameterizedTest
  @CsvSource({
    "resnet18, v1, 3, 32, 8, 11",
    "resnet18, v2, 1, 28, 4, 12",
    "resnet18, v4, 3, 32, 4, 13",
    "resnet34, v1, 1, 28, 4, 14",
    "resnet34, v3, 3, 32, 4, 15",
    // width 48: the last group's stride-1 5x5 weights (384 x 384 x 25 values) are over Binarize's
    // weight limit, so the unsampled ones run cut by output channels, and seed 17 samples one
    // (edge 34), which then runs as two convolutions on the autograd graph
    "resnet18, v1, 1, 28, 48, 17"
  })
  void fusedArchStepEqualsPerEdgeReference(
      String backbone, String version, int channels, int size, int width, long seed) {
    Backbone b = Backbone.fromName(backbone);
    NashVersion v = NashVersion.fromName(version);
    SupernetSpec spec = SupernetSpec.of(b, v, width, channels, size, 10);
    try (Supernet net = Supernet.build(spec)) {
      net.loadWeights(net.initialWeights(seed));
      // alpha far enough from uniform that the sampled path mixes every op kind
      ArchWeights alpha = ArchWeights.init(b, v, seed);
      float[] a = alpha.flat();
      for (int i = 0; i < a.length; i++) {
        a[i] *= 300;
      }
      net.loadAlpha(a);
      float[] x = SupernetTest.images(4, channels, size, seed);
      int[] y = {1, 4, 7, 9};
      SampledPath path = SampledPath.sample(a, v.ops().size(), seed);

      net.fuseArchStep(false);
      StepGradients ref = net.archGradients(x, y, path);
      net.fuseArchStep(true);
      StepGradients fused = net.archGradients(x, y, path);

      assertEquals(ref.loss(), fused.loss(), 1e-5 * Math.abs(ref.loss()), "loss");
      assertEquals(ref.correct(), fused.correct());
      float[] g0 = ref.alphaGrad();
      float[] g1 = fused.alphaGrad();
      assertEquals(g0.length, g1.length);
      float scale = SupernetTest.maxAbs(g0);
      assertTrue(scale > 1e-4, "degenerate fixture: alpha gradient ~0");
      int nonzero = 0;
      for (int i = 0; i < g0.length; i++) {
        assertTrue(Float.isFinite(g1[i]));
        // within 1e-4 of the largest entry: float32 sums in a different order through up to 34
        // layers of backward pass (seen: 3.1e-5 at resnet34/v3, seed 15); a wrong fusion moves
        // entries by a share of order 1
        assertEquals(g0[i], g1[i], 1e-4 * scale, "alpha gradient " + i);
        nonzero += Math.abs(g0[i]) > 1e-3 * scale ? 1 : 0;
      }
      assertTrue(nonzero > g0.length / 2, nonzero + " of " + g0.length + " entries non-zero");
    }
  }

  @Test
  void stepMacsCountWhatEachStepExecutes() {
    SupernetSpec spec = SupernetSpec.of(Backbone.RESNET18, NashVersion.V4, 4, 3, 32, 10);
    try (Supernet net = Supernet.build(spec)) {
      SampledPath path = SampledPath.uniform(Backbone.RESNET18, NashVersion.V4, 2);
      long fwdArch = net.forwardMacs(Supernet.Mode.ARCH, path);
      long fwdWeight = net.forwardMacs(Supernet.Mode.WEIGHT, path);
      // stem: 16x16 output pixels x 4 out x 3 in x 7x7 = 150528; it gets no backward in ARCH
      long stem = 16L * 16 * 4 * 3 * 49;
      assertEquals(fwdArch + fwdWeight - stem, net.stepMacs(Supernet.Mode.ARCH, path));
      assertEquals(3 * fwdWeight, net.stepMacs(Supernet.Mode.WEIGHT, path));
      assertEquals(fwdWeight, net.stepMacs(Supernet.Mode.EVAL, path));
    }
  }
}
