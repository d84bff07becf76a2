package io.nash.search.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.search.api.ParamLayout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HardwareTermTest {
  private static final ParamLayout LAYOUT = new ParamLayout(List.of("a", "b"), new int[] {1, 1});

  /** One edge, two ops, costs {0, 1}: E = p1, dE/da = {-p0 p1, p0 p1}. */
  private static final ArchCost COST =
      new ArchCost() {
        @Override
        public double expected(float[] a) {
          return p1(a);
        }

        @Override
        public double[] gradient(float[] a) {
          double p1 = p1(a);
          return new double[] {-(1 - p1) * p1, (1 - p1) * p1};
        }
      };

  private static double p1(float[] a) {
    return 1 / (1 + Math.exp(a[0] - a[1]));
  }

  private static RoundEngine fixed() {
    GradientSum sum =
        GradientSum.restore(
            Map.of(0, new float[] {2}),
            new float[] {0.4f, 0.4f},
            new double[] {4, 4},
            new long[] {2, 2, 4, 4, 1, 0, 0, 0, 0});
    return new RoundEngine() {
      @Override
      public GradientSum run(RoundState state, int totalRounds) {
        return sum;
      }

      @Override
      public int slots() {
        return 1;
      }
    };
  }

  private static SearchDriver.Result run(double lambda, ArchCost cost) {
    SearchSettings s =
        SearchSettings.builder("hw")
            .seed(1)
            .rounds(3)
            .partitions(1)
            .localSteps(1)
            .batchSize(4)
            .hwWeight(lambda)
            .build();
    SearchDriver d = new SearchDriver(s, LAYOUT, 2, fixed(), null, null, cost);
    return d.run(d.initialState(new float[] {1, 1}, 2));
  }

  @Test
  void lambdaZeroLeavesAlphaBitIdentical() {
    float[] plain = run(0, null).state().alpha();
    float[] withTable = run(0, COST).state().alpha();
    for (int i = 0; i < plain.length; i++) {
      assertEquals(Float.floatToRawIntBits(plain[i]), Float.floatToRawIntBits(withTable[i]));
    }
  }

  @Test
  void lambdaAboveZeroMovesAlphaToTheCheaperOpAndReportsTheCost() {
    SearchDriver.Result base = run(0, COST);
    SearchDriver.Result hw = run(10, COST);
    float[] a0 = base.state().alpha();
    float[] a1 = hw.state().alpha();
    // same data gradient on both ops, so without the term both logits move alike
    double gap0 = a0[1] - a0[0];
    double gap1 = a1[1] - a1[0];
    // the costly op 1 falls behind op 0: Adam's first step moves each logit by about arch-lr
    // (3e-4) in the sign of its gradient, so three rounds open a gap of about 2 * 3 * 3e-4
    assertTrue(gap1 < gap0 - 1e-3, "gap " + gap1 + " vs " + gap0);
    assertTrue(p1(a1) < p1(a0), "p(costly op) " + p1(a1) + " vs " + p1(a0));
    // E[cost] at round 0's alpha is p1 of the initial alpha, close to 1/2
    assertEquals(0.5, hw.rounds().get(0).hwCost(), 1e-3);
    assertEquals(Double.NaN, run(0, null).rounds().get(0).hwCost());
  }
}
