package io.nash.nn.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Known answers for {@link Quantizers}; every expected value is worked out in the comments. */
class QuantizersTest {
  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  private static float[] f(NDArray a) {
    return a.toFloatArray();
  }

  @Test
  void gridLimits() {
    // signed b=4: [-8, 7]; narrow [-7, 7]; unsigned [0, 15]; unsigned narrow [0, 14]
    assertEquals(-8, Quantizers.minInt(4, true, false));
    assertEquals(-7, Quantizers.minInt(4, true, true));
    assertEquals(7, Quantizers.maxInt(4, true, false));
    assertEquals(15, Quantizers.maxInt(4, false, false));
    assertEquals(14, Quantizers.maxInt(4, false, true));
    assertEquals(0, Quantizers.minInt(4, false, true));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Quantizers.maxInt(0, true, true));
    assertTrue(e.getMessage().contains("bit width = 0: must be in 1..32"), e.getMessage());
  }

  @Test
  void quantClampsSignedUnsignedNarrow() {
    NDArray x = manager.create(new float[] {-3f, -2.4f, -0.5f, 0.5f, 1.5f, 2.6f, 10f});
    // scale 1, round half to even: -3, -2, -0, 0, 2, 3, 10 before the clamp
    // signed 2-bit [-2, 1]
    assertArrayEquals(
        new float[] {-2, -2, 0, 0, 1, 1, 1}, f(Quantizers.quant(x, 1f, 2, true, false)), 0f);
    // signed 2-bit narrow [-1, 1]
    assertArrayEquals(
        new float[] {-1, -1, 0, 0, 1, 1, 1}, f(Quantizers.quant(x, 1f, 2, true, true)), 0f);
    // unsigned 2-bit [0, 3]
    assertArrayEquals(
        new float[] {0, 0, 0, 0, 2, 3, 3}, f(Quantizers.quant(x, 1f, 2, false, false)), 0f);
    // unsigned 2-bit narrow [0, 2]
    assertArrayEquals(
        new float[] {0, 0, 0, 0, 2, 2, 2}, f(Quantizers.quant(x, 1f, 2, false, true)), 0f);
    // scale 0.5, signed 4-bit [-8, 7]: x/0.5 = -6, -4.8, -1, 1, 3, 5.2, 20 -> round
    // -6,-5,-1,1,3,5,20
    // -> clamp -6,-5,-1,1,3,5,7 -> times 0.5
    assertArrayEquals(
        new float[] {-3f, -2.5f, -0.5f, 0.5f, 1.5f, 2.5f, 3.5f},
        f(Quantizers.quant(x, 0.5f, 4, true, false)),
        1e-6f);
  }

  @Test
  void perChannelSignedWeightScales() {
    // two output channels of four weights each, shape (2, 1, 2, 2)
    NDArray w =
        manager.create(
            new float[] {0.3f, -0.6f, 0.1f, 0.29f, 2f, -1.1f, 0.5f, 1.5f}, new Shape(2, 1, 2, 2));
    // 2 bits, narrow: maxInt 1. ch0 scale 0.6: w/s = 0.5, -1, 0.167, 0.483 -> 0, -1, 0, 0 (0.5
    // rounds to even 0; 0.6f is exactly 2 * 0.3f). ch1 scale 2: 1, -0.55, 0.25, 0.75 -> 1, -1, 0,
    // 1.
    assertArrayEquals(new float[] {0.6f, 2f}, f(Quantizers.weightScale(w, 2)), 1e-6f);
    assertArrayEquals(new float[] {0, -0.6f, 0, 0, 2, -2, 0, 2}, f(Quantizers.weight(w, 2)), 1e-6f);
    // 4 bits: maxInt 7. ch0 scale 0.6/7: w/s = 3.5, -7, 1.167, 3.383 -> 4, -7, 1, 3
    // ch1 scale 2/7: 7, -3.85, 1.75, 5.25 -> 7, -4, 2, 5
    float s0 = 0.6f / 7;
    float s1 = 2f / 7;
    assertArrayEquals(
        new float[] {4 * s0, -7 * s0, s0, 3 * s0, 7 * s1, -4 * s1, 2 * s1, 5 * s1},
        f(Quantizers.weight(w, 4)),
        1e-6f);
  }

  @Test
  void bipolarWeightsUseMeanAbsPerChannel() {
    NDArray w =
        manager.create(new float[] {0.3f, -0.6f, 0f, 0.5f, 2f, -1f, 0.5f, -1.5f}, new Shape(2, 4));
    // ch0 mean|W| = (0.3+0.6+0+0.5)/4 = 0.35; ch1 = (2+1+0.5+1.5)/4 = 1.25; sign(0) = +1
    assertArrayEquals(new float[] {0.35f, 1.25f}, f(Quantizers.weightScale(w, 1)), 1e-6f);
    assertArrayEquals(
        new float[] {0.35f, -0.35f, 0.35f, 0.35f, 1.25f, -1.25f, 1.25f, -1.25f},
        f(Quantizers.weight(w, 1)),
        1e-6f);
  }

  @Test
  void reluAndHardTanh() {
    NDArray x = manager.create(new float[] {-1f, 0.02f, 3.3f, 9.99f, 12f});
    // QuantReLU 2 bits, max 10: scale 10/3; clamp 0, 0.02, 3.3, 9.99, 10; /s = 0, 0.006, 0.99,
    // 2.997, 3 -> 0, 0, 1, 3, 3 -> 0, 0, 10/3, 10, 10
    assertEquals(10f / 3, Quantizers.reluScale(2, 10), 1e-7f);
    assertArrayEquals(new float[] {0, 0, 10f / 3, 10, 10}, f(Quantizers.relu(x, 2, 10)), 1e-5f);
    // QuantHardTanh 3 bits, +-10: scale 10/3, grid [-4, 3]; clamp -1, .., 10 -> /s = -0.3,
    // 0.006, 0.99, 2.997, 3 -> -0, 0, 1, 3, 3
    NDArray y = Quantizers.hardTanh(x.mul(-1), 3, 10);
    // -x = 1, -0.02, -3.3, -9.99, -12 -> clamp 1, -0.02, -3.3, -9.99, -10 -> /s 0.3, -0.006,
    // -0.99, -2.997, -3 -> 0, 0, -1, -3, -3
    assertArrayEquals(new float[] {0, 0, -10f / 3, -10, -10}, f(y), 1e-5f);
    // 8-bit HardTanh scale 10/127: 3.3 -> round(41.91) = 42 -> 42*10/127
    assertArrayEquals(
        new float[] {42 * 10f / 127},
        f(Quantizers.hardTanh(manager.create(new float[] {3.3f}), 8, 10)),
        1e-6f);
    // 1-bit HardTanh is bipolar +-max
    assertArrayEquals(new float[] {10, 10, 10, 10, 10}, f(Quantizers.hardTanh(x.abs(), 1, 10)), 0f);
  }

  /** Gradient of sum(c * f(x)) with respect to x, with c = 1, 2, 3, ... */
  private static float[] grad(NDArray x0, UnaryOperator<NDArray> fn) {
    try (NDManager sub = manager.newSubManager()) {
      NDArray x = x0.duplicate();
      x.attach(sub);
      x.setRequiresGradient(true);
      NDArray c = sub.arange(1f, x.size() + 1f).reshape(x.getShape());
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(fn.apply(x).mul(c).sum());
      }
      return x.getGradient().toFloatArray();
    }
  }

  @Test
  void straightThroughGradients() {
    NDArray w =
        manager.create(
            new float[] {0.3f, -0.6f, 0.1f, 0.29f, 2f, -1f, 0.5f, 1.5f}, new Shape(2, 4));
    // signed weights: identity, so the gradient is c itself
    assertArrayEquals(
        new float[] {1, 2, 3, 4, 5, 6, 7, 8}, grad(w, a -> Quantizers.weight(a, 4)), 1e-6f);
    // bipolar: c times the channel scale (mean|W|: 0.3225 and 1.25)
    float m0 = (0.3f + 0.6f + 0.1f + 0.29f) / 4;
    assertArrayEquals(
        new float[] {m0, 2 * m0, 3 * m0, 4 * m0, 5 * 1.25f, 6 * 1.25f, 7 * 1.25f, 8 * 1.25f},
        grad(w, a -> Quantizers.weight(a, 1)),
        1e-6f);
    // ReLU max 10: gradient only strictly inside (0, 10) -> x = -1, 0.5, 4, 11 gives 0, 2, 3, 0
    NDArray x = manager.create(new float[] {-1f, 0.5f, 4f, 11f});
    assertArrayEquals(new float[] {0, 2, 3, 0}, grad(x, a -> Quantizers.relu(a, 8, 10)), 0f);
    // HardTanh +-10: x = -11, -0.5, 4, 11 gives 0, 2, 3, 0
    NDArray h = manager.create(new float[] {-11f, -0.5f, 4f, 11f});
    assertArrayEquals(new float[] {0, 2, 3, 0}, grad(h, a -> Quantizers.hardTanh(a, 8, 10)), 0f);
  }
}
