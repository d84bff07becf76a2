package io.nash.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Known answers for the optimizers (PyTorch semantics), computed by hand in the comments. */
class OptimizersTest {

  @Test
  void sgdWithMomentumAndWeightDecay() {
    float[] p = {1.0f, -2.0f};
    float[] g = {0.5f, 0.1f};
    // step 1: d = g + 0.01 p = [0.51, 0.08]; buf = d; p -= 0.1 buf -> [0.949, -2.008]
    float[] buf = Optimizers.sgd(p, g, null, 0.1, 0.9, 0.01);
    assertArrayEquals(new float[] {0.51f, 0.08f}, buf, 1e-7f);
    assertArrayEquals(new float[] {0.949f, -2.008f}, p, 1e-6f);
    // step 2: d = [0.5 + 0.00949, 0.1 - 0.02008] = [0.50949, 0.07992]
    // buf = 0.9 [0.51, 0.08] + d = [0.96849, 0.15192]; p = [0.852151, -2.023192]
    float[] buf2 = Optimizers.sgd(p, g, buf, 0.1, 0.9, 0.01);
    assertSame(buf, buf2, "momentum buffer is updated in place");
    assertArrayEquals(new float[] {0.96849f, 0.15192f}, buf, 1e-6f);
    assertArrayEquals(new float[] {0.852151f, -2.023192f}, p, 1e-6f);
  }

  @Test
  void adamWithZeroBeta1AsTheArchitectStep() {
    float[] p = {1.0f};
    float[] m = new float[1];
    float[] v = new float[1];
    // t=1: m = 0.5, v = 0.001 * 0.25; denom = sqrt(v) / sqrt(1 - 0.999) = 0.5; p = 1 - 0.1 = 0.9
    Optimizers.adam(p, new float[] {0.5f}, m, v, 1, 0.1, 0.0, 0.999, 1e-8, 0.0);
    assertEquals(0.9f, p[0], 1e-6f);
    // t=2: m = 0.2 (beta1 = 0), v = 0.999*0.00025 + 0.001*0.04 = 0.00028975
    // denom = sqrt(0.00028975) / sqrt(1 - 0.999^2) = 0.0170220 / 0.0447102 = 0.380719
    // p = 0.9 - 0.1 * 0.2 / 0.380719 = 0.8474679
    Optimizers.adam(p, new float[] {0.2f}, m, v, 2, 0.1, 0.0, 0.999, 1e-8, 0.0);
    assertEquals(0.8474679f, p[0], 2e-6f);
    assertEquals(0.00028975f, v[0], 1e-8f);
  }

  @Test
  void adamWithMomentumAndL2WeightDecay() {
    float[] p = {1.0f};
    float[] m = new float[1];
    float[] v = new float[1];
    float[] grads = {0.5f, 0.2f, -0.3f};
    // d = g + 0.01 p each step; bias corrections 1 - 0.9^t and 1 - 0.999^t
    // (values from the update rule evaluated in double: 0.9, 0.8097733, 0.7780705)
    float[] want = {0.9f, 0.8097733f, 0.7780705f};
    for (int t = 1; t <= 3; t++) {
      Optimizers.adam(p, new float[] {grads[t - 1]}, m, v, t, 0.1, 0.9, 0.999, 1e-8, 0.01);
      assertEquals(want[t - 1], p[0], 3e-6f, "step " + t);
    }
  }

  @Test
  void clipGradNormScalesOnlyAboveTheMax() {
    float[][] g = {{3f, 4f}, null, {0f}};
    // norm 5 > 2.5: scaled by 2.5 / (5 + 1e-6)
    assertEquals(5.0, Optimizers.clipGradNorm(g, 2.5), 1e-9);
    assertArrayEquals(new float[] {1.5f, 2.0f}, g[0], 1e-6f);
    float[][] h = {{3f, 4f}};
    Optimizers.clipGradNorm(h, 10);
    assertArrayEquals(new float[] {3f, 4f}, h[0], 0f);
  }

  @Test
  void shapeMismatchIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Optimizers.sgd(new float[2], new float[3], null, 0.1, 0.9, 0));
    assertTrue(e.getMessage().contains("gradient has 3 values"), e.getMessage());
  }

  @Test
  void cosineScheduleAndSettingsValidation() {
    SearchSettings s = SearchSettings.defaults().withRun(4, 64, 0, 2);
    // 0.025 * (1 + cos(pi e / 4)) / 2: e=0 -> 0.025, e=2 -> 0.0125, e=1 -> 0.0213388
    assertEquals(0.025, s.weightLrAt(0), 1e-12);
    assertEquals(0.0125, s.weightLrAt(2), 1e-12);
    assertEquals(0.025 * (1 + Math.cos(Math.PI / 4)) / 2, s.weightLrAt(1), 1e-12);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SearchSettings.defaults().withRun(10, 0, 0, 2));
    assertEquals("nash.search.batch-size = 0: must be >= 1", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> SearchSettings.defaults().withArchLr(-1));
    assertTrue(e.getMessage().startsWith("nash.search.arch-lr = -1.0"), e.getMessage());
  }
}
