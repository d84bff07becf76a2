package io.nash.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.space.ArchWeights;
import io.nash.space.Seeds;
import org.junit.jupiter.api.Test;

/**
 * Statistical known-answer test of the two-path estimator (PathPairs): with fixed gate gradients
 * {@code G_o} and probabilities {@code p = softmax(alpha)}, the exact alpha gradient is {@code g_k
 * = sum_o G_o p_o (delta_ok - p_k)}; the two-path estimate from one draw is {@code sum_{o in S} w_o
 * G_o p_o (delta_ok - p_k)} with the drawn weights {@code w_o = 1 / pi_o}.
 */
class PathPairsTest {
  // one edge, five ops (the V1 op count), uneven probabilities
  private static final float[] ALPHA = {0.8f, -0.4f, 0.1f, 1.3f, -1.0f};
  private static final double[] G = {0.7, -1.2, 0.35, 2.0, -0.5};

  private static double[] exact(double[] p) {
    double[] g = new double[p.length];
    for (int k = 0; k < p.length; k++) {
      for (int o = 0; o < p.length; o++) {
        g[k] += G[o] * p[o] * ((o == k ? 1 : 0) - p[k]);
      }
    }
    return g;
  }

  private static double[] estimate(double[] p, float[] w) {
    double[] g = new double[p.length];
    for (int k = 0; k < p.length; k++) {
      for (int o = 0; o < p.length; o++) {
        g[k] += w[o] * G[o] * p[o] * ((o == k ? 1 : 0) - p[k]);
      }
    }
    return g;
  }

  @Test
  void meanOfManyDrawsIsTheExactGradientAndOneDrawIsNot() {
    double[] p = ArchWeights.softmax(ALPHA);
    double[] exact = exact(p);
    int n = 20_000;
    int ops = ALPHA.length;
    double[] sum = new double[ops];
    double[] sq = new double[ops];
    boolean singleDiffers = false;
    for (int i = 0; i < n; i++) {
      PathPairs pp = PathPairs.sample(ALPHA, ops, Seeds.archPairs(42, i));
      int members = 0;
      for (int o = 0; o < ops; o++) {
        members += pp.contains(0, o) ? 1 : 0;
      }
      assertEquals(2, members, "two distinct ops per edge");
      double[] est = estimate(p, pp.weights());
      for (int k = 0; k < ops; k++) {
        sum[k] += est[k];
        sq[k] += est[k] * est[k];
        if (i == 0 && Math.abs(est[k] - exact[k]) > 1e-3) {
          singleDiffers = true;
        }
      }
    }
    assertTrue(singleDiffers, "one draw must not already be the exact gradient");
    for (int k = 0; k < ops; k++) {
      double mean = sum[k] / n;
      double var = (sq[k] - n * mean * mean) / (n - 1);
      double se = Math.sqrt(var / n);
      assertTrue(se > 0, "op " + k + ": the estimate must vary between draws");
      // tolerance: 5 standard errors of the mean (a false failure has probability ~6e-7 per op)
      assertEquals(exact[k], mean, 5 * se, "op " + k + ": mean of " + n + " two-path draws");
    }
  }

  @Test
  void inclusionProbabilitiesAreExactAndSumToTwo() {
    // p = (0.5, 0.3, 0.2): pi_0 = 0.5 + 0.3*0.5/0.7 + 0.2*0.5/0.8 = 0.839285714...
    double[] p = {0.5, 0.3, 0.2};
    double[] pi = PathPairs.inclusion(p);
    assertEquals(0.5 + 0.3 * 0.5 / 0.7 + 0.2 * 0.5 / 0.8, pi[0], 1e-12);
    assertEquals(0.3 + 0.5 * 0.3 / 0.5 + 0.2 * 0.3 / 0.8, pi[1], 1e-12);
    assertEquals(2.0, pi[0] + pi[1] + pi[2], 1e-12);
    // empirical frequencies of the sampler agree (binomial, 5 standard errors)
    float[] alpha = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2)};
    double[] pa = PathPairs.inclusion(ArchWeights.softmax(alpha));
    int n = 20_000;
    int[] hits = new int[3];
    for (int i = 0; i < n; i++) {
      PathPairs pp = PathPairs.sample(alpha, 3, Seeds.archPairs(7, i));
      for (int o = 0; o < 3; o++) {
        hits[o] += pp.contains(0, o) ? 1 : 0;
      }
    }
    for (int o = 0; o < 3; o++) {
      double se = Math.sqrt(pa[o] * (1 - pa[o]) / n);
      assertEquals(pa[o], (double) hits[o] / n, 5 * se, "inclusion frequency of op " + o);
    }
  }

  @Test
  void sameSeedSamePairsAndBadShapeIsRejected() {
    float[] alpha = new float[3 * 5];
    for (int i = 0; i < alpha.length; i++) {
      alpha[i] = (float) Math.sin(i);
    }
    PathPairs a = PathPairs.sample(alpha, 5, 99);
    PathPairs b = PathPairs.sample(alpha, 5, 99);
    assertEquals(java.util.Arrays.toString(a.weights()), java.util.Arrays.toString(b.weights()));
    assertEquals(3, a.edges());
    assertThrows(IllegalArgumentException.class, () -> PathPairs.sample(new float[7], 5, 1));
  }
}
