package io.nash.search.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.nash.search.api.ParamLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The driver updates only the tensors some task touched, as PyTorch's SGD skips parameters whose
 * gradient is None: an untouched tensor keeps its weights and its momentum bit for bit (no weight
 * decay, no momentum drift). This is what keeps the Spark engine's weight deltas small.
 */
class UntouchedTensorsTest {

  @Test
  void onlyTouchedTensorsMoveAndKeepMomentum() {
    ParamLayout layout = new ParamLayout(List.of("a", "b", "c"), new int[] {2, 3, 2});
    SearchSettings s =
        SearchSettings.builder("sparse")
            .seed(1)
            .rounds(4)
            .partitions(1)
            .localSteps(1)
            .batchSize(4)
            .build();
    // every round "touches" only tensor b, with gradient 1 per value, and alpha with 0.5
    RoundEngine onlyB =
        new RoundEngine() {
          @Override
          public GradientSum run(RoundState state, int totalRounds) {
            return GradientSum.restore(
                Map.of(1, new float[] {4, 4, 4}),
                new float[] {2},
                new double[] {1, 1},
                new long[] {0, 0, 4, 4, 1, 1, 1, 0, 0});
          }

          @Override
          public int slots() {
            return 1;
          }
        };
    SearchDriver d = new SearchDriver(s, layout, 1, onlyB, null, null);
    float[] w0 = {1, -2, 3, 4, 5, -0f, 7};
    SearchState st = d.initialState(w0, 1);
    for (int r = 0; r < 3; r++) {
      st = d.round(st).state();
    }
    float[] w = st.weights();
    // a and c (offsets 0-1 and 5-6) untouched: same bits, -0.0 included; momentum still zero
    assertArrayEquals(new float[] {1, -2}, Arrays.copyOfRange(w, 0, 2), 0f);
    assertArrayEquals(new float[] {-0f, 7}, Arrays.copyOfRange(w, 5, 7), 0f);
    assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(w[5]));
    float[] buf = st.weightOptimizer()[0];
    assertArrayEquals(new float[] {0, 0, 0, 0}, new float[] {buf[0], buf[1], buf[5], buf[6]}, 0f);
    // b moved (mean gradient 4 / 4 samples = 1 per value, plus decay and momentum)
    assertNotEquals(3, w[2]);
    assertNotEquals(0, buf[2]);
  }
}
