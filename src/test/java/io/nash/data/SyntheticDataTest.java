package io.nash.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.space.ImageShape;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {
  @Test
  void shapeLabelsRangeAndSeeding() {
    SyntheticData.Params p = new SyntheticData.Params(30, 9, 3, 2, 5, 7);
    DataSplits a = SyntheticData.generate(p);
    assertEquals(new ImageShape(2, 5, 5), a.train().shape());
    assertArrayEquals(new int[] {10, 10, 10}, a.train().classCounts());
    assertArrayEquals(new int[] {3, 3, 3}, a.test().classCounts());
    for (float v : a.train().imagesCopy()) {
      assertTrue(v >= 0f && v <= 1f, "value " + v);
    }
    assertArrayEquals(a.train().imagesCopy(), SyntheticData.generate(p).train().imagesCopy(), 0f);
    SyntheticData.Params q = new SyntheticData.Params(30, 9, 3, 2, 5, 8);
    assertFalse(
        java.util.Arrays.equals(
            a.train().imagesCopy(), SyntheticData.generate(q).train().imagesCopy()));
    assertFalse(java.util.Arrays.equals(a.train().limit(9).imagesCopy(), a.test().imagesCopy()));
  }

  @Test
  void templateKnownAnswer() {
    // class 0: theta 0, 2 cycles; channel 0 phase 0: pixel (y, x) = 0.5 + 0.3 sin(4 pi x / s).
    // s = 8, x = 1: 0.5 + 0.3 sin(pi/2) = 0.8; x = 3: 0.5 + 0.3 sin(3 pi/2) = 0.2
    float[][] t = SyntheticData.templates(new SyntheticData.Params(1, 1, 2, 1, 8, 0));
    assertEquals(0.8f, t[0][5 * 8 + 1], 1e-6f);
    assertEquals(0.2f, t[0][3], 1e-6f);
    // class 1 of 2: theta pi/2, 3 cycles: depends on y only; y = 1: 0.5 + 0.3 sin(6 pi / 8)
    assertEquals((float) (0.5 + 0.3 * Math.sin(6 * Math.PI / 8)), t[1][8 + 6], 1e-6f);
  }

  /** A nearest-class-mean classifier learns the classes: the patterns are learnable. */
  @Test
  void nearestMeanClassifierLearnsTheClasses() {
    DataSplits s = SyntheticData.generate(new SyntheticData.Params(200, 100, 10, 3, 12, 1));
    int dim = s.train().shape().size();
    double[][] mean = new double[10][dim];
    float[] img = new float[dim];
    for (int i = 0; i < s.train().size(); i++) {
      s.train().copyImage(i, img, 0);
      for (int k = 0; k < dim; k++) {
        mean[s.train().label(i)][k] += img[k] / 20.0;
      }
    }
    int correct = 0;
    for (int i = 0; i < s.test().size(); i++) {
      s.test().copyImage(i, img, 0);
      int best = -1;
      double bestDist = Double.MAX_VALUE;
      for (int c = 0; c < 10; c++) {
        double d = 0;
        for (int k = 0; k < dim; k++) {
          d += (img[k] - mean[c][k]) * (img[k] - mean[c][k]);
        }
        if (d < bestDist) {
          bestDist = d;
          best = c;
        }
      }
      correct += best == s.test().label(i) ? 1 : 0;
    }
    assertTrue(correct >= 95, correct + "/100 correct");
  }
}
