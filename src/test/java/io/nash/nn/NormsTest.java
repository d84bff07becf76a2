package io.nash.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Known answers of BatchNorm re-estimation (pooled statistics of several batches). */
class NormsTest {
  @Test
  void fixedStatisticsAreThoseOfTheUnionOfBatches() {
    try (NDManager m = NDManager.newBaseManager()) {
      Norms norms = new Norms(m);
      NDArray gamma = m.ones(new Shape(2));
      NDArray beta = m.zeros(new Shape(2));
      // two channels, batches of one image of 1 x 2 pixels
      // channel 0 sees {1, 3} then {5, 7}: union mean 4, biased variance (9+1+1+9)/4 = 5
      // channel 1 sees {0, 0} then {2, 2}: union mean 1, variance 1
      norms.collect();
      norms.beginPass(false);
      norms.affine(m.create(new float[] {1, 3, 0, 0}, new Shape(1, 2, 1, 2)), gamma, beta);
      norms.beginPass(false);
      norms.affine(m.create(new float[] {5, 7, 2, 2}, new Shape(1, 2, 1, 2)), gamma, beta);
      norms.fix();
      norms.beginPass(true);
      float[] y =
          norms
              .affine(m.create(new float[] {4, 9, 1, 3}, new Shape(1, 2, 1, 2)), gamma, beta)
              .toFloatArray();
      // (x - mean) / sqrt(var + 1e-5): (4-4)/sqrt(5), (9-4)/sqrt(5) = 2.236066, (1-1)/1, (3-1)/1
      float s5 = (float) Math.sqrt(5 + 1e-5);
      float s1 = (float) Math.sqrt(1 + 1e-5);
      assertArrayEquals(new float[] {0, 5 / s5, 0, 2 / s1}, y, 1e-5f);
      // a pass without fixed statistics normalises with its own batch: {4, 9} -> -1, 1
      norms.beginPass(false);
      float[] b =
          norms
              .affine(m.create(new float[] {4, 9, 1, 3}, new Shape(1, 2, 1, 2)), gamma, beta)
              .toFloatArray();
      assertArrayEquals(new float[] {-1, 1, -1, 1}, b, 1e-3f);
      norms.release();
    }
  }

  @Test
  void fixWithoutCollectingFails() {
    try (NDManager m = NDManager.newBaseManager()) {
      Norms norms = new Norms(m);
      assertThrows(IllegalStateException.class, norms::fix);
    }
  }

  @Test
  void inPlaceBatchNormIsThePlainOneWithoutAnOutputTensor() {
    try (NDManager m = NDManager.newBaseManager()) {
      Norms norms = new Norms(m);
      // two images, two channels of 1 x 2 pixels: channel 0 sees {1, 3, 5, 7} (mean 4, biased
      // variance (9+1+1+9)/4 = 5), channel 1 sees {2, 2, 2, 2} (mean 2, variance 0)
      NDArray x = m.create(new float[] {1, 3, 2, 2, 5, 7, 2, 2}, new Shape(2, 2, 1, 2));
      NDArray y = norms.plainInPlace(x);
      float s5 = (float) Math.sqrt(5 + 1e-5);
      float[] want = {-3 / s5, -1 / s5, 0, 0, 1 / s5, 3 / s5, 0, 0};
      assertArrayEquals(want, y.toFloatArray(), 1e-6f);
      assertArrayEquals(want, x.toFloatArray(), 1e-6f); // x itself was normalised
      // and equals the library's batch norm on other data
      float[] v = new float[3 * 4 * 5 * 5];
      java.util.Random r = new java.util.Random(2);
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (3 + 2 * r.nextGaussian());
      }
      NDArray a = m.create(v, new Shape(3, 4, 5, 5));
      float[] plain = norms.plain(a).toFloatArray();
      assertArrayEquals(plain, norms.plainInPlace(a.duplicate()).toFloatArray(), 1e-5f);
      // a tensor on the autograd graph, or fixed statistics, are refused
      NDArray tracked = a.duplicate();
      tracked.setRequiresGradient(true);
      assertThrows(IllegalArgumentException.class, () -> norms.plainInPlace(tracked));
      norms.collect();
      assertThrows(IllegalStateException.class, () -> norms.plainInPlace(a.duplicate()));
      norms.release();
    }
  }
}
