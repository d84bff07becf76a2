package io.nash.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.space.ArchWeights;
import io.nash.space.Backbone;
import io.nash.space.NashVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two-path architecture step through the real network: on a tiny supernet, the estimator's
 * expectation over the pairs, taken exactly by enumerating every pair {@code {a, b}} with its
 * probability {@code P({a,b}) = p_a p_b / (1 - p_a) + p_b p_a / (1 - p_b)} (edges draw
 * independently and each edge's estimate depends on its own pair only, so the per-edge sum is the
 * joint expectation), equals the exact alpha gradient of the same batch and path; one pair alone
 * does not.
 */
class TwoPathGradientTest {
  @BeforeAll
  static void oneThread() {
    TorchThreads.single();
  }

  @Test
  void expectationOverPairsIsTheExactGradient() {
    NashVersion v = NashVersion.V4; // 4 ops: 6 pairs
    Backbone b = Backbone.RESNET18;
    SupernetSpec spec = SupernetSpec.of(b, v, 4, 3, 16, 10);
    int ops = v.ops().size();
    try (Supernet net = Supernet.build(spec)) {
      net.loadWeights(net.initialWeights(21));
      float[] a = ArchWeights.init(b, v, 21).flat();
      for (int i = 0; i < a.length; i++) {
        a[i] *= 500; // uneven, not degenerate, probabilities
      }
      net.loadAlpha(a);
      float[] x = SupernetTest.images(4, 3, 16, 21);
      int[] y = {0, 3, 5, 8};
      SampledPath path = SampledPath.sample(a, ops, 21);
      float[] exact = net.archGradients(x, y, path).alphaGrad();
      int edges = a.length / ops;
      double[] expect = new double[a.length];
      boolean onePairDiffers = false;
      float scale = SupernetTest.maxAbs(exact);
      assertTrue(scale > 1e-4, "degenerate fixture: alpha gradient ~0");
      for (int i = 0; i < ops; i++) {
        for (int j = i + 1; j < ops; j++) {
          float[] est = net.archGradients(x, y, path, PathPairs.fixed(a, ops, i, j)).alphaGrad();
          for (int e = 0; e < edges; e++) {
            float[] row = new float[ops];
            System.arraycopy(a, e * ops, row, 0, ops);
            double[] p = ArchWeights.softmax(row);
            double prob = p[i] * p[j] / (1 - p[i]) + p[j] * p[i] / (1 - p[j]);
            for (int k = 0; k < ops; k++) {
              int at = e * ops + k;
              expect[at] += prob * est[at];
              onePairDiffers |= Math.abs(est[at] - exact[at]) > 1e-2 * scale;
            }
          }
        }
      }
      assertTrue(onePairDiffers, "one pair must not already give the exact gradient");
      for (int i = 0; i < a.length; i++) {
        // float32 gradients, each weighted by 1/pi and summed over 6 pairs
        assertEquals(exact[i], expect[i], 1e-4 * scale, "alpha gradient " + i);
      }
    }
  }
}
