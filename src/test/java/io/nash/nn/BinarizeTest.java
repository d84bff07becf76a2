package io.nash.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the Bi-Real activation, the straight-through weight and the binary conv; the
 * frozen-weight forms (no gradient: architecture step, evaluation) equal the general ones.
 */
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

  @Test
  void frozenWeightEqualsTheStraightThroughValueExactly() {
    float[] v = {
      0f,
      1e-8f,
      -1e-8f,
      0.1f,
      -0.3f,
      0.49999997f,
      -0.49999997f,
      0.5f,
      -0.5f,
      0.7f,
      1f,
      -1f,
      1.5f,
      -3.3f,
      1e6f,
      0.33333334f
    };
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray frozen = m.create(v);
      NDArray tracked = m.create(v);
      tracked.setRequiresGradient(true);
      // sign(W) * m, and (W + (sign(W) - W)) * m: the same floats, not merely close
      assertArrayEquals(
          Binarize.weight(tracked).toFloatArray(), Binarize.weight(frozen).toFloatArray(), 0f);
    }
  }

  @Test
  void frozenWeightsConcatenateScaledSignsOfWholeWeightsOrRowRuns() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(new float[] {0.5f, -1.5f, 0.25f, -0.75f}, new Shape(2, 2, 1, 1));
      NDArray b = m.create(new float[] {-1f, 2f, 3f, -4f, 5f, 6f}, new Shape(3, 2, 1, 1));
      NDArray bRows = b.get(new NDIndex("1:3"));
      // mean|a| = 0.75; mean|b| = 21 / 6 = 3.5 (of the whole weight, whichever rows are used)
      float[] y =
          Binarize.frozenWeights(
                  List.of(a, bRows), new float[] {Binarize.scale(a), Binarize.scale(b)})
              .toFloatArray();
      assertArrayEquals(new float[] {0.75f, -0.75f, 0.75f, -0.75f, 3.5f, -3.5f, 3.5f, 3.5f}, y, 0f);
      NDArray tracked = b.duplicate();
      tracked.setRequiresGradient(true);
      assertThrows(
          IllegalArgumentException.class,
          () -> Binarize.frozenWeights(List.of(tracked), new float[] {1f}));
    }
  }

  @Test
  void frozenConvCutByOutputChannelsEqualsOneConvolution() {
    Random r = new Random(3);
    float[] xv = new float[2 * 16 * 5 * 5];
    float[] wv = new float[64 * 16 * 3 * 3];
    float[] cv = new float[2 * 64 * 5 * 5];
    for (float[] a : List.of(xv, wv, cv)) {
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) r.nextGaussian();
      }
    }
    // 64 rows of 144 values: limit 3000 -> ceil(9216 / 3000) = 4 runs of 16 rows (a whole channel
    // block); limit 500 -> 19 runs of ceil(64 / 19) = 4 rows, rounded up to 16; 100000 -> uncut
    assertEquals(16, Binarize.rowsPerPiece(64, 144, 3000));
    assertEquals(16, Binarize.rowsPerPiece(64, 144, 500));
    assertEquals(64, Binarize.rowsPerPiece(64, 144, 100000));
    assertEquals(48, Binarize.rowsPerPiece(96, 10, 500)); // 2 runs of 48 rows
    long[] limits = {3000, 100000};
    float[][] out = new float[2][];
    float[][] grad = new float[2][];
    for (int run = 0; run < 2; run++) {
      try (NDManager m = NDManager.newBaseManager()) {
        NDArray x = m.create(xv, new Shape(2, 16, 5, 5));
        NDArray w = m.create(wv, new Shape(64, 16, 3, 3));
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray y = Binarize.conv(Binarize.activation(x), w, 1, 1, limits[run]);
          out[run] = y.toFloatArray();
          gc.backward(y.mul(m.create(cv, new Shape(2, 64, 5, 5))).sum());
        }
        grad[run] = x.getGradient().toFloatArray();
      }
    }
    assertArrayEquals(out[1], out[0], 1e-4f);
    assertArrayEquals(grad[1], grad[0], 1e-4f);
  }
}
