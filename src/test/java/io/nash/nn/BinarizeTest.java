package io.nash.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** Known answers for the Bi-Real activation, the straight-through weight and the binary conv. */
class BinarizeTest {
  @org.junit.jupiter.api.BeforeAll
  static void oneThread() {
    TorchThreads.single();
  }

  @Test
  void biRealForwardIsSignAndGradientIsPolynomialSlope() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {-1.5f, -0.5f, 0f, 0.5f, 1.5f});
      NDArray c = m.create(new float[] {1f, 2f, 3f, 4f, 5f});
      x.setRequiresGradient(true);
      float[] forward;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray xb = Binarize.activation(x);
        forward = xb.toFloatArray();
        gc.backward(xb.mul(c).sum());
      }
      // forward: sign(x), with sign(0) = 0 as torch.sign
      assertArrayEquals(new float[] {-1f, -1f, 0f, 1f, 1f}, forward, 0f);
      // dL/dx = c * dF/dx, dF/dx = 2 - 2|x| on |x| < 1, else 0:
      // x=-1.5: 0; x=-0.5: 2*(2-1)=2; x=0: 3*2=6; x=0.5: 4*(2-1)=4; x=1.5: 0
      assertArrayEquals(new float[] {0f, 2f, 6f, 4f, 0f}, x.getGradient().toFloatArray(), 1e-6f);
    }
  }

  @Test
  void weightIsScaledSignWithStraightThroughGradient() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.create(new float[] {0.5f, -1.5f, 0.25f, -0.75f});
      NDArray c = m.create(new float[] {1f, 2f, 3f, 4f});
      // mean|W| = (0.5 + 1.5 + 0.25 + 0.75) / 4 = 0.75
      assertEquals(0.75f, Binarize.scale(w), 1e-7f);
      w.setRequiresGradient(true);
      float[] forward;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray wb = Binarize.weight(w);
        forward = wb.toFloatArray();
        gc.backward(wb.mul(c).sum());
      }
      // W_b = sign(W) * 0.75
      assertArrayEquals(new float[] {0.75f, -0.75f, 0.75f, -0.75f}, forward, 1e-7f);
      // dL/dW = m * dL/dW_b = 0.75 * c (sign passes straight through, the scale is detached)
      assertArrayEquals(
          new float[] {0.75f, 1.5f, 2.25f, 3.0f}, w.getGradient().toFloatArray(), 1e-6f);
    }
  }

  @Test
  void binaryConvUsesSignsAndScale() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {0.3f, -0.2f, 1.7f, 0f}, new Shape(1, 1, 2, 2));
      // two output channels: W = [-2] -> -2 (sign -1, mean|W| over both = (2 + 1)/2 = 1.5),
      // W = [1] -> +1.5
      NDArray w = m.create(new float[] {-2f, 1f}, new Shape(2, 1, 1, 1));
      float[] y = Binarize.conv(Binarize.activation(x), w, 1, 0).toFloatArray();
      // sign(x) = [1, -1, 1, 0]; channel 0 = -1.5 * sign(x), channel 1 = 1.5 * sign(x)
      assertArrayEquals(new float[] {-1.5f, 1.5f, -1.5f, 0f, 1.5f, -1.5f, 1.5f, 0f}, y, 1e-6f);
    }
  }
}
