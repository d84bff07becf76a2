package io.nash.search.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.optim.Adam;
import io.nash.optim.FlatOptimizer;
import io.nash.optim.SgdMomentum;
import io.nash.space.Seeds;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Known answers for the driver's formulas, seeds, batch plans and the checkpoint format. */
class EngineMathTest {

  @Test
  void sgdMomentumKnownAnswer() {
    // p=1, g=0.5, wd=0.1, momentum 0.9, lr 0.1
    // step 1: d = 0.5 + 0.1*1 = 0.6; buf = 0.6; p = 1 - 0.06 = 0.94
    // step 2: d = 0.5 + 0.094 = 0.594; buf = 0.54 + 0.594 = 1.134; p = 0.94 - 0.1134 = 0.8266
    FlatOptimizer o = new FlatOptimizer(new SgdMomentum(0.9, 0.1), 2);
    float[] p = {7, 1};
    o.update(p, 1, new float[] {0.5f}, 1, 0.1);
    assertEquals(0.94, p[1], 1e-6);
    o.update(p, 1, new float[] {0.5f}, 1, 0.1);
    assertEquals(0.8266, p[1], 1e-6);
    assertEquals(7, p[0], "an untouched tensor is not decayed");
  }

  @Test
  void adamKnownAnswer() {
    // p=1, g=0.5, betas (0, 0.999), wd 0, lr 0.01: m = 0.5, v = 0.001*0.25 = 2.5e-4,
    // bc1 = 1, sqrt(bc2) = sqrt(0.001) = 0.0316228; denom = 0.0158114/0.0316228 = 0.5
    // p = 1 - 0.01 * 0.5 / 0.5 = 0.99
    FlatOptimizer a = new FlatOptimizer(new Adam(0, 0.999, 1e-8, 0), 1);
    float[] p = {1};
    a.update(p, 0, new float[] {0.5f}, 1, 0.01);
    assertEquals(0.99, p[0], 1e-6);
    // t=2, g = 0.2: m = 0.2 (beta1 = 0 keeps no history), v = 0.999*0.00025 + 0.001*0.04
    // = 0.00028975; denom = sqrt(0.00028975) / sqrt(1 - 0.999^2) = 0.0170220 / 0.0447102
    // = 0.380719; p = 0.99 - 0.01 * 0.2 / 0.380719 = 0.9847468
    a.update(p, 0, new float[] {0.2f}, 1, 0.01);
    assertEquals(0.9847468, p[0], 1e-6);
    assertEquals(0.2f, a.state()[0][0], 1e-7f);
    assertEquals(0.00028975f, a.state()[1][0], 1e-9f);
    // weight decay 1e-3 adds 1e-3*p to g: g = 0.5 + 0.00099 -> the same normalised step 0.01
    FlatOptimizer b = new FlatOptimizer(new Adam(0, 0.999, 1e-8, 1e-3), 1);
    float[] q = {0.99f};
    b.update(q, 0, new float[] {0.5f}, 1, 0.01);
    assertEquals(0.98, q[0], 1e-6);
    FlatOptimizer c = new FlatOptimizer(new Adam(0, 0.999, 1e-8, 0), 1);
    c.restore(a.state());
    assertArrayEquals(a.state()[0], c.state()[0]);
    assertEquals(
        Float.floatToRawIntBits(a.state()[2][0]), Float.floatToRawIntBits(c.state()[2][0]));
  }

  @Test
  void adamWithMomentumAndL2WeightDecay() {
    // betas (0.9, 0.999), wd 0.01, lr 0.1, p0 = 1, gradients 0.5, 0.2, -0.3; d = g + 0.01 p
    // t=1: d = 0.51, m = 0.051, v = 0.0002601; m/(1-0.9) = 0.51 = sqrt(v/(1-0.999)): p = 0.9
    // t=2: d = 0.209, m = 0.0668, v = 0.00030352; p = 0.9 - 0.1 * (0.0668 / 0.19)
    //   / (sqrt(0.00030352) / sqrt(0.001999)) = 0.8097733
    // t=3: d = -0.2919023, m = 0.0309298, v = 0.00038842; p = 0.7780705
    FlatOptimizer a = new FlatOptimizer(new Adam(0.9, 0.999, 1e-8, 0.01), 1);
    float[] p = {1};
    float[] grads = {0.5f, 0.2f, -0.3f};
    float[] want = {0.9f, 0.8097733f, 0.7780705f};
    for (int t = 0; t < 3; t++) {
      a.update(p, 0, new float[] {grads[t]}, 1, 0.1);
      assertEquals(want[t], p[0], 3e-6f, "step " + (t + 1));
    }
  }

  @Test
  void cosineAndClipKnownAnswers() {
    assertEquals(0.025, Schedules.cosine(0.025, 0, 0, 10), 1e-12);
    assertEquals(0.0125, Schedules.cosine(0.025, 0, 5, 10), 1e-12); // cos(pi/2) = 0
    assertEquals(0.0, Schedules.cosine(0.025, 0, 10, 10), 1e-12);
    Map<Integer, float[]> g = new HashMap<>();
    g.put(0, new float[] {3});
    g.put(4, new float[] {4});
    assertEquals(5, Schedules.clipNorm(g, 1), 1e-9); // norm 5 -> factor 1/(5+1e-6)
    assertEquals(0.6, g.get(0)[0], 1e-6);
    assertEquals(0.8, g.get(4)[0], 1e-6);
    assertEquals(1, Schedules.clipNorm(g, 5), 1e-6, "below the limit: unchanged");
    assertEquals(0.6, g.get(0)[0], 1e-6);
    g.put(0, new float[] {30});
    g.put(4, new float[] {40});
    assertEquals(50, Schedules.clipNorm(g, 0), 1e-6, "max 0 = no clipping");
    assertEquals(30, g.get(0)[0], 0);
    assertEquals(40, g.get(4)[0], 0);
    assertEquals(1 / (50 + 1e-6), Schedules.clipScale(50, 1), 1e-15);
    assertEquals(1, Schedules.clipScale(0.5, 1), 0, "below the limit");
    assertEquals(1, Schedules.clipScale(50, 0), 0, "max 0");
  }

  @Test
  void scaledSgdUpdateEqualsClippingIntoACopyFirst() {
    // the driver's fused apply: update(..., scale) must give the bits of clipNorm on a copy, then
    // update; values chosen so that g * scale rounds (1/3 is not a float)
    float[] g = {0.3f, -7.25f, 1e-3f, 2.5f};
    // norm^2 = 0.09 + 52.5625 + 1e-6 + 6.25 = 58.902501, norm 7.67480: scale 3 / 7.67480 = 0.390890
    double scale = Schedules.clipScale(Math.sqrt(norm2(g)), 3);
    assertEquals(0.390890, scale, 1e-6);
    Map<Integer, float[]> copy = new HashMap<>();
    copy.put(0, g.clone());
    Schedules.clipNorm(copy, 3);
    float[] p1 = {1, 2, 3, 4};
    float[] p2 = p1.clone();
    FlatOptimizer a = new FlatOptimizer(new SgdMomentum(0.9, 3e-4), 4);
    FlatOptimizer b = new FlatOptimizer(new SgdMomentum(0.9, 3e-4), 4);
    for (int step = 0; step < 2; step++) {
      a.update(p1, 0, copy.get(0), 4, 0.025);
      b.update(p2, 0, g, 4, 0.025, scale);
    }
    assertArrayEquals(p1, p2, 0);
    assertArrayEquals(a.state()[0], b.state()[0], 0);
    // scale 1 is the plain update: p = 1 - 0.025 * (0.3 + 3e-4 * 1) = 0.9924925
    float[] p3 = {1};
    new FlatOptimizer(new SgdMomentum(0.9, 3e-4), 1).update(p3, 0, new float[] {0.3f}, 1, 0.025, 1);
    assertEquals(1 - 0.025 * (0.3f + 3e-4), p3[0], 1e-7);
  }

  private static double norm2(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return s;
  }

  @Test
  void seedsDependOnPositionOnly() {
    assertEquals(Seeds.path(2, 3, 1), Seeds.path(2, 3, 1));
    assertTrue(Seeds.path(2, 3, 1) != Seeds.path(2, 3, 0));
    assertTrue(Seeds.path(2, 3, 1) != Seeds.path(2, 4, 1));
    assertTrue(Seeds.path(2, 3, 1) != Seeds.path(3, 3, 1));
    assertTrue(Seeds.archPath(5, 0) != Seeds.weightPath(5, 0));
  }

  @Test
  void batchesWalkThePartitionSliceOncePerEpoch() {
    // n = 10, 2 partitions: slice 1 is [5, 10); batch 2 -> 2 batches per epoch, 1 sample dropped
    TreeSet<Integer> seen = new TreeSet<>();
    for (int step = 0; step < 2; step++) {
      for (int i : BatchPlanner.indices(1, 0, 10, 2, 1, 2, step)) {
        assertTrue(seen.add(i), "no repeats within an epoch");
      }
    }
    assertEquals(4, seen.size());
    assertTrue(seen.first() >= 5 && seen.last() <= 9);
    assertArrayEquals(
        BatchPlanner.indices(1, 0, 10, 2, 1, 2, 3), BatchPlanner.indices(1, 0, 10, 2, 1, 2, 3));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BatchPlanner.indices(1, 0, 10, 2, 1, 6, 0));
    assertTrue(e.getMessage().startsWith("nash.search.batch-size = 6"), e.getMessage());
  }

  @Test
  void checkpointBytesRoundTripAndRefuseCorruption() {
    SearchState s =
        new SearchState(
            4,
            2,
            99,
            new float[] {1, 2},
            new float[] {3},
            new float[][] {{0.5f, 0.25f}},
            new float[][] {{1}, {2}, {Float.intBitsToFloat(4)}});
    byte[] b = s.toBytes();
    SearchState r = SearchState.fromBytes(b);
    assertEquals(4, r.nextRound());
    assertArrayEquals(s.weights(), r.weights());
    assertTrue(Arrays.deepEquals(s.alphaOptimizer(), r.alphaOptimizer()));
    b[b.length - 1] ^= 1;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SearchState.fromBytes(b));
    assertTrue(e.getMessage().contains("checksum"));
  }

  /** A 3-round search of batch 8 on one partition, one local step, seed 1. */
  private static SearchSettings.Builder small() {
    return SearchSettings.builder("r").seed(1).rounds(3).partitions(1).localSteps(1).batchSize(8);
  }

  @Test
  void settingsNameTheBadKey() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> small().partitions(0).build());
    assertEquals("nash.spark.partitions = 0: must be in 1..100000", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> small().batchSize(0).build());
    assertEquals("nash.search.batch-size = 0: must be in 1..65536", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> small().alphaLr(-1).localAlphaLr(3e-4).build());
    assertTrue(e.getMessage().startsWith("nash.search.arch-lr = -1.0"), e.getMessage());
    assertEquals(PathSampling.INDEPENDENT, PathSampling.fromName("independent"));
    assertThrows(IllegalArgumentException.class, () -> PathSampling.fromName("both"));
  }
}
