package io.nash.nn.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The im2col convolution equals libtorch's conv in the forward pass, and its input gradient is
 * reproducible (libtorch's own conv input gradient was not, with 2 threads, on this machine).
 */
class ConvGradientTest {
  private static float[] gauss(int n, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  @Test
  void im2colMatchesNativeForwardAndHasStableGradient() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (int[] cfg :
          new int[][] {{3, 1, 1}, {3, 2, 1}, {5, 2, 2}, {1, 2, 0}, {7, 2, 3}, {1, 1, 0}}) {
        int k = cfg[0];
        int s = cfg[1];
        int p = cfg[2];
        NDArray x = m.zeros(new Shape(2, 3, 9, 9));
        x.set(gauss(2 * 3 * 81, 1));
        NDArray w = m.zeros(new Shape(4, 3, k, k));
        w.set(gauss(4 * 3 * k * k, 2));
        NDArray ref =
            Conv2d.conv2d(x, w, null, new Shape(s, s), new Shape(p, p), new Shape(1, 1))
                .singletonOrThrow();
        NDArray mine = QuantConv2d.im2colConv(x, w, s, p);
        assertEquals(ref.getShape(), mine.getShape());
        assertArrayEquals(ref.toFloatArray(), mine.toFloatArray(), 1e-4f, "k" + k + " s" + s);
        float[] first = null;
        for (int rep = 0; rep < 4; rep++) {
          NDArray xi = x.duplicate();
          xi.setRequiresGradient(true);
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(QuantConv2d.im2colConv(xi, w, s, p).square().sum());
          }
          float[] g = xi.getGradient().toFloatArray();
          if (first == null) {
            first = g;
          } else {
            assertArrayEquals(first, g, 0f, "gradient changed between identical runs");
          }
        }
      }
    }
  }
}
