package io.nash.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.nash.optim.Adam;
import io.nash.optim.SgdMomentum;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers, computed by hand in the comments: top-k, optimizers, loss, schedule. */
class KnownAnswerTest {

  @Test
  void topKOnHandMadeLogits() {
    // 3 rows, 6 classes
    float[] l = {
      // row 0: label 2 has the largest logit -> rank 0
      0.1f, 0.2f, 0.9f, 0.3f, 0.0f, -1f,
      // row 1: label 0 (logit 0.5); larger: 0.9, 0.8, 0.7, 0.6, 0.55 -> rank 5: top-5 miss
      0.5f, 0.9f, 0.8f, 0.7f, 0.6f, 0.55f,
      // row 2: all equal; label 4 -> rank 4 (classes 0..3 tie with smaller index)
      1f, 1f, 1f, 1f, 1f, 1f
    };
    int[] y = {2, 0, 4};
    assertEquals(0, TopK.rank(l, 6, 0, 2));
    assertEquals(5, TopK.rank(l, 6, 1, 0));
    assertEquals(4, TopK.rank(l, 6, 2, 4));
    assertEquals(0, TopK.rank(l, 6, 2, 0)); // ties: the smallest index wins
    assertEquals(1, TopK.hits(l, 6, y, 1)); // row 0 only
    assertEquals(2, TopK.hits(l, 6, y, 5)); // rows 0 and 2 (rank 4 < 5)
    assertEquals(3, TopK.hits(l, 6, y, 6));
    // NaN: a NaN label logit is a miss; a NaN elsewhere ranks below every number
    float[] n = {Float.NaN, 0f, 1f, Float.NaN};
    // labels (0, 0): row 0's label logit is NaN (miss), row 1's 1.0 ranks first (hit)
    assertEquals(1, TopK.hits(n, 2, new int[] {0, 0}, 2));
    // labels (0, 1): both label logits are NaN: no hit even at k = classes
    assertEquals(0, TopK.hits(n, 2, new int[] {0, 1}, 2));
    assertEquals(0, TopK.rank(n, 2, 1, 0)); // row 1: 1.0 beats NaN
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TopK.hits(l, 6, y, 0));
    assertEquals("top-k k = 0: must be >= 1", e.getMessage());
  }

  @Test
  void adamTwoStepsByHand() {
    // p=1, g=0.5, lr=0.1: m=0.05, v=0.00025; bias-corrected 0.5 and 0.25 -> p = 1 - 0.1*0.5/0.5
    // = 0.9. Step 2, g=-0.5: m = 0.045-0.05 = -0.005, v = 0.00024975+0.00025 = 0.00049975;
    // m^ = -0.005/0.19 = -0.0263158, v^ = 0.00049975/0.001999 = 0.25 -> p = 0.9 + 0.1*0.0263158/0.5
    // = 0.9052632
    ParamOptimizer a = new ParamOptimizer(new Adam(0.9, 0.999, 1e-8, 0), new int[] {1});
    float[] p = {1f};
    a.step(List.of(p), List.of(new float[] {0.5f}), 0.1);
    assertEquals(0.9f, p[0], 1e-6f);
    a.step(List.of(p), List.of(new float[] {-0.5f}), 0.1);
    assertEquals(0.9052632f, p[0], 1e-6f);
    assertEquals(2, a.steps());
    assertArrayEquals(new float[] {-0.005f}, a.state().get("m.0"), 1e-8f);
  }

  @Test
  void sgdMomentumWithWeightDecayTwoStepsByHand() {
    // p=1, g=0.5, wd=0.1, lr=0.1, momentum 0.9: d = 0.6, buf = 0.6, p = 0.94.
    // Step 2, g=0.5: d = 0.5 + 0.094 = 0.594, buf = 0.54 + 0.594 = 1.134, p = 0.94 - 0.1134 =
    // 0.8266
    ParamOptimizer s = new ParamOptimizer(new SgdMomentum(0.9, 0.1), new int[] {1});
    float[] p = {1f};
    s.step(List.of(p), List.of(new float[] {0.5f}), 0.1);
    assertEquals(0.94f, p[0], 1e-6f);
    s.step(List.of(p), List.of(new float[] {0.5f}), 0.1);
    assertEquals(0.8266f, p[0], 1e-6f);
  }

  @Test
  void optimizerStateRoundTripContinuesIdentically() {
    ParamOptimizer a = new ParamOptimizer(new Adam(0.9, 0.999, 1e-8, 0.01), new int[] {2});
    ParamOptimizer b = new ParamOptimizer(new Adam(0.9, 0.999, 1e-8, 0.01), new int[] {2});
    float[] pa = {1f, -2f};
    a.step(List.of(pa), List.of(new float[] {0.3f, -0.1f}), 0.01);
    float[] pb = pa.clone();
    b.restore(a.state(), a.steps());
    a.step(List.of(pa), List.of(new float[] {0.2f, 0.4f}), 0.01);
    b.step(List.of(pb), List.of(new float[] {0.2f, 0.4f}), 0.01);
    assertArrayEquals(pa, pb, 0f);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ParamOptimizer(new Adam(0.9, 0.999, 1e-8, 0), new int[] {3})
                    .restore(a.state(), 1));
    assertEquals("Adam state m.0: 2 values, need 3", e.getMessage());
  }

  @Test
  void labelSmoothingLossAndGradientByHand() {
    // logits (0, 0, ln 2): softmax = (1/4, 1/4, 1/2). Label 2, eps 0.3, K 3:
    // q = (0.1, 0.1, 0.7 + 0.1 = 0.8); loss = -(0.1 ln 1/4 + 0.1 ln 1/4 + 0.8 ln 1/2)
    // = 0.2 ln 4 + 0.8 ln 2 = 1.2 ln 2 = 0.8317766; gradient = softmax - q = (0.15, 0.15, -0.3).
    // Without smoothing: loss = ln 2 = 0.6931472.
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {0f, 0f, (float) Math.log(2)}, new Shape(1, 3));
      x.setRequiresGradient(true);
      NDArray loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        loss = Losses.crossEntropy(x, new int[] {2}, 0.3);
        gc.backward(loss);
      }
      assertEquals(0.8317766f, loss.getFloat(), 1e-6f);
      assertArrayEquals(new float[] {0.15f, 0.15f, -0.3f}, x.getGradient().toFloatArray(), 1e-6f);
      assertEquals(0.6931472f, Losses.crossEntropy(x, new int[] {2}, 0).getFloat(), 1e-6f);
    }
  }

  @Test
  void schedules() {
    TrainSettings s = TrainSettings.defaults("v1");
    // cosine: lr/2 at the midpoint, 0 at the end
    assertEquals(1e-3, LrSchedule.at(s, 0, 0, 100), 1e-12);
    assertEquals(5e-4, LrSchedule.at(s, 50, 0, 100), 1e-12);
    TrainSettings st =
        s.with(
            java.util.Map.of(
                "nash.train.schedule", "step",
                "nash.train.step-size", "2",
                "nash.train.step-gamma", "0.5"));
    // epochs 0,1 -> lr; 2,3 -> lr/2; 4 -> lr/4
    assertEquals(1e-3, LrSchedule.at(st, 0, 1, 100), 1e-12);
    assertEquals(5e-4, LrSchedule.at(st, 0, 3, 100), 1e-12);
    assertEquals(2.5e-4, LrSchedule.at(st, 0, 4, 100), 1e-12);
  }
}
