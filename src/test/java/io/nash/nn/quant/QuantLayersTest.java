package io.nash.nn.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** Known answers for the truncating average pool and the BN running statistics. */
class QuantLayersTest {
  @Test
  void truncatingAveragePool() {
    float s = 10f / 255;
    // K = 4 (2x2), 8-bit in, 4-bit out: acc = 8 + 2 = 10 bits, shift 6, out scale s * 64 / 4 = 16 s
    QuantAvgPool pool = new QuantAvgPool("pool", 8, 4, s, 4);
    assertEquals(10, pool.accumulatorBits());
    assertEquals(6, pool.shift());
    assertEquals(16 * s, pool.outScale(), 1e-7f);
    try (NDManager m = NDManager.newBaseManager()) {
      // channel 0: integers 255 x4 -> sum 1020 -> 1020/64 = 15.94 -> 15; channel 1: 10, 20, 30,
      // 40 -> 100/64 = 1.56 -> 1
      NDArray x = m.create(new float[] {255, 255, 255, 255, 10, 20, 30, 40}, new Shape(1, 2, 2, 2));
      x = x.mul(s);
      x.setRequiresGradient(true);
      NDArray y;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        y = pool.forward(x);
        gc.backward(y.sum());
      }
      assertArrayEquals(new float[] {15 * 16 * s, 16 * s}, y.toFloatArray(), 1e-5f);
      // straight-through floor: dy/dx = 1/K
      assertArrayEquals(
          new float[] {.25f, .25f, .25f, .25f, .25f, .25f, .25f, .25f},
          x.getGradient().toFloatArray(),
          1e-6f);
    }
    // K = 16 (4x4 map): acc 12, shift 8; K = 49: acc 8 + 6 = 14, shift 10
    assertEquals(8, new QuantAvgPool("p", 8, 4, s, 16).shift());
    assertEquals(10, new QuantAvgPool("p", 8, 4, s, 49).shift());
  }

  @Test
  void batchNormRunningStatisticsUsePyTorchMomentum() {
    try (NDManager m = NDManager.newBaseManager()) {
      BatchNorm2d bn = new BatchNorm2d("bn", 1, m);
      // one channel, batch values 1 and 3: mean 2, biased var 1, unbiased var 2
      NDArray x = m.create(new float[] {1, 3}, new Shape(2, 1, 1, 1));
      NDArray y = bn.forward(x, true);
      // normalised with batch statistics: (1-2)/sqrt(1+1e-5), (3-2)/sqrt(1+1e-5)
      assertArrayEquals(new float[] {-1f, 1f}, y.toFloatArray(), 1e-4f);
      // running = 0.9 * running + 0.1 * batch: mean 0.1 * 2 = 0.2, var 0.9 * 1 + 0.1 * 2 = 1.1
      assertArrayEquals(new float[] {0.2f}, bn.runningMean().values(), 1e-6f);
      assertArrayEquals(new float[] {1.1f}, bn.runningVar().values(), 1e-6f);
    }
  }
}
