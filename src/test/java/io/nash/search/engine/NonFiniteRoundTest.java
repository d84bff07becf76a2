package io.nash.search.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nash.search.api.ParamLayout;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A round whose averaged weight or alpha update holds a non-finite value: the driver skips that
 * half (state and optimizer untouched), applies the other, and counts the skip in the round's
 * stats. Known answers by hand in the comments.
 */
class NonFiniteRoundTest {
  private static final ParamLayout LAYOUT = new ParamLayout(List.of("a", "b"), new int[] {1, 1});

  /** An engine whose every round returns the same sums (4 train and 4 valid samples). */
  private static RoundEngine fixed(Map<Integer, float[]> weightSums, float[] alphaSum) {
    GradientSum sum =
        GradientSum.restore(
            weightSums, alphaSum, new double[] {4, 4}, new long[] {2, 2, 4, 4, 1, 0, 0, 0, 0});
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

  private static final SearchSettings ONE_ROUND =
      SearchSettings.builder("nan")
          .seed(1)
          .rounds(1)
          .partitions(1)
          .localSteps(1)
          .batchSize(4)
          .build();

  private static SearchDriver.Result oneRound(RoundEngine engine) {
    SearchDriver d = new SearchDriver(ONE_ROUND, LAYOUT, 2, engine, null, null);
    return d.run(d.initialState(new float[] {1, 1}, 2));
  }

  @Test
  void aNonFiniteAlphaUpdateIsSkippedAndTheWeightStepStillApplied() {
    SearchDriver.Result r = oneRound(fixed(Map.of(0, new float[] {2}), new float[] {Float.NaN, 4}));
    SearchDriver d = new SearchDriver(ONE_ROUND, LAYOUT, 2, null, null, null);
    float[] alpha0 = d.initialState(new float[] {1, 1}, 2).alpha();
    assertArrayEquals(alpha0, r.state().alpha(), 0f, "alpha untouched");
    assertEquals(0, Float.floatToRawIntBits(r.state().alphaOptimizer()[2][0]), "adam step 0");
    // tensor 0: g = 2 / 4 = 0.5 (norm 0.5 < clip 5); round 0 of 1: lr = 0.025;
    // d = 0.5 + 3e-4 * 1 = 0.5003; buf = 0.5003; p = 1 - 0.025 * 0.5003 = 0.9874925
    assertEquals(0.9874925f, r.state().weights()[0], 1e-7f);
    assertEquals(1f, r.state().weights()[1], 0f, "tensor 1 had no gradient");
    RoundStats st = r.rounds().get(0);
    assertEquals(1, st.skippedArchSteps());
    assertEquals(0, st.skippedWeightSteps());
  }

  @Test
  void aNonFiniteWeightUpdateIsSkippedAndTheArchStepStillApplied() {
    SearchDriver.Result r =
        oneRound(fixed(Map.of(0, new float[] {Float.POSITIVE_INFINITY}), new float[] {0, 4}));
    assertArrayEquals(new float[] {1, 1}, r.state().weights(), 0f, "weights untouched");
    assertEquals(0f, r.state().weightOptimizer()[0][0], 0f, "momentum untouched");
    // alpha[1]: g = 4 / 4 = 1 (+ 1e-3 * alpha, ~1e-6); Adam t=1 with beta1 = 0 moves it by lr
    // times g / |g| = 3e-4
    SearchDriver d = new SearchDriver(ONE_ROUND, LAYOUT, 2, null, null, null);
    float a1 = d.initialState(new float[] {1, 1}, 2).alpha()[1];
    assertEquals(a1 - 3e-4f, r.state().alpha()[1], 1e-7f);
    RoundStats st = r.rounds().get(0);
    assertEquals(0, st.skippedArchSteps());
    assertEquals(1, st.skippedWeightSteps());
  }
}
