package io.nash.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The flat container's state layout and step counting; the update formulas' known answers are in
 * search.engine.EngineMathTest (flat) and train.KnownAnswerTest (per tensor).
 */
class FlatOptimizerTest {

  @Test
  void sgdWithWeightDecayKnownAnswerOnASlice() {
    // p=2, g=-1, wd=0.5, momentum 0.5, lr 0.1
    // step 1: d = -1 + 1 = 0; buf = 0; p = 2
    // step 2 (g = 1): d = 1 + 1 = 2; buf = 0.5*0 + 2 = 2; p = 2 - 0.2 = 1.8
    FlatOptimizer o = new FlatOptimizer(new SgdMomentum(0.5, 0.5), 3);
    float[] p = {5, 2, 5};
    o.update(p, 1, new float[] {-1}, 1, 0.1);
    assertEquals(2, p[1], 1e-7);
    o.update(p, 1, new float[] {1}, 1, 0.1);
    assertEquals(1.8, p[1], 1e-6);
    assertArrayEquals(new float[] {0, 2, 0}, o.state()[0], 1e-7f);
    assertEquals(1, o.state().length, "sgd state: the buffer only");
    assertEquals(5, p[0]);
    assertEquals(5, p[2]);
  }

  @Test
  void adamStateCarriesTheStepAndRestoresExactly() {
    FlatOptimizer a = new FlatOptimizer(new Adam(0.9, 0.999, 1e-8, 0.01), 2);
    float[] p = {1, -1};
    a.update(p, 0, new float[] {0.5f, 0.25f}, 2, 0.1);
    a.update(p, 0, new float[] {0.2f, -0.5f}, 2, 0.1);
    float[][] st = a.state();
    assertEquals(3, st.length);
    assertEquals(2, Float.floatToRawIntBits(st[2][0]), "two steps");
    FlatOptimizer b = new FlatOptimizer(new Adam(0.9, 0.999, 1e-8, 0.01), 2);
    b.restore(st);
    float[] q = p.clone();
    a.update(p, 0, new float[] {-0.3f, 0.1f}, 2, 0.1);
    b.update(q, 0, new float[] {-0.3f, 0.1f}, 2, 0.1);
    assertArrayEquals(p, q, 0f, "a restored optimizer continues bit for bit");
  }

  @Test
  void mismatchedStateAndRangesAreRejected() {
    FlatOptimizer a = new FlatOptimizer(new Adam(0.9, 0.999, 1e-8, 0), 2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> a.restore(new FlatOptimizer(new SgdMomentum(0.9, 0), 2).state()));
    assertTrue(e.getMessage().contains("m, v, step"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> a.update(new float[3], 1, new float[2], 2, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new SgdMomentum(1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Adam(0.9, 0.999, 1e-8, -1));
  }
}
