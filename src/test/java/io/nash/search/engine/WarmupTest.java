package io.nash.search.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.search.api.SearchData;
import io.nash.search.api.SearchModel;
import io.nash.space.Seeds;
import io.nash.testutil.SearchFixtures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The weight-only warm-up ({@link SearchSettings#warmupRounds}): its rounds run no architecture
 * step, leave alpha and Adam's state bit for bit as they were and still train the weights exactly
 * as a search round's weight step does; the architecture steps start with the first round after it.
 */
class WarmupTest {
  private static final int ROUNDS = 5;
  private static final int WARMUP = 3;

  private static SearchDriver driver(SearchSettings s, SearchModel m, SearchData data) {
    PartitionTrainer.Job job =
        new PartitionTrainer.Job(s.seed(), s.partitions(), s.localSteps(), s.batchSize());
    return new SearchDriver(
        s, m.layout(), m.alphaSize(), new LocalRoundEngine(job, m, data), null, null);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void warmupRoundsTrainWeightsOnlyThenTheArchitectureStepsStart(int localSteps) {
    SearchSettings s =
        SearchFixtures.settings("warm", ROUNDS, 2, localSteps).toBuilder()
            .warmupRounds(WARMUP)
            .build();
    SearchModel m = SearchFixtures.MODEL.build();
    SearchData data = SearchFixtures.DATA.open();
    SearchDriver d = driver(s, m, data);
    SearchState st = d.initialState(m.initialWeights(Seeds.weightInit(s.seed())), m.alphaSize());
    float[] alpha0 = st.alpha().clone();
    float[][] adam0 = deepCopy(st.alphaOptimizer());
    for (int r = 0; r < ROUNDS; r++) {
      float[] before = st.weights().clone();
      SearchDriver.Outcome o = d.round(st);
      st = o.state();
      RoundStats rs = o.stats();
      assertFalse(Arrays.equals(before, st.weights()), "round " + r + " trains the weights");
      if (r < WARMUP) {
        assertTrue(rs.warmup(), "round " + r);
        assertTrue(Double.isNaN(rs.validLoss()) && Double.isNaN(rs.validAccuracy()));
        assertNull(o.alphaUpdate(), "no alpha update in warm-up round " + r);
        assertArrayEquals(alpha0, st.alpha(), 0f, "alpha in warm-up round " + r);
        for (int i = 0; i < adam0.length; i++) {
          assertArrayEquals(adam0[i], st.alphaOptimizer()[i], 0f, "Adam state row " + i);
        }
      } else {
        assertFalse(rs.warmup(), "round " + r);
        assertTrue(rs.validAccuracy() >= 0 && rs.validAccuracy() <= 1);
      }
    }
    assertTrue(
        SearchFixtures.maxAbsErr(st.alpha(), alpha0) > 1e-4,
        "alpha moves once the architecture steps start");
  }

  @Test
  void aWarmupRoundTakesTheSameWeightStepAsASearchRound() {
    // Round 0 starts from the same state either way and the weight step samples its path from
    // the same alpha, so the weights after it agree bit for bit; only alpha differs.
    SearchSettings plain = SearchFixtures.settings("warm", ROUNDS, 2, 1);
    SearchModel m = SearchFixtures.MODEL.build();
    SearchData data = SearchFixtures.DATA.open();
    float[] w0 = m.initialWeights(Seeds.weightInit(plain.seed()));
    SearchDriver a = driver(plain, m, data);
    SearchDriver b = driver(plain.toBuilder().warmupRounds(1).build(), m, data);
    SearchDriver.Outcome oa = a.round(a.initialState(w0, m.alphaSize()));
    SearchDriver.Outcome ob = b.round(b.initialState(w0, m.alphaSize()));
    assertArrayEquals(oa.state().weights(), ob.state().weights(), 0f);
    assertFalse(Arrays.equals(oa.state().alpha(), ob.state().alpha()));
    assertEquals(oa.stats().trainLoss(), ob.stats().trainLoss(), 0);
  }

  @Test
  void aWarmupAsLongAsTheSearchIsRejected() {
    SearchSettings s = SearchFixtures.settings("warm", ROUNDS, 1, 1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> s.toBuilder().warmupRounds(ROUNDS).build());
    assertTrue(e.getMessage().contains("nash.search.warmup-epochs"), e.getMessage());
    assertTrue(e.getMessage().contains("5 warm-up rounds of 5"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> s.toBuilder().warmupRounds(-1).build());
  }

  private static float[][] deepCopy(float[][] t) {
    float[][] c = new float[t.length][];
    for (int i = 0; i < t.length; i++) {
      c[i] = t[i].clone();
    }
    return c;
  }
}
