package io.nash.spark;

import static io.nash.testutil.SearchFixtures.DATA;
import static io.nash.testutil.SearchFixtures.MODEL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.optim.Adam;
import io.nash.optim.FlatOptimizer;
import io.nash.optim.SgdMomentum;
import io.nash.search.api.Placement;
import io.nash.search.api.SearchData;
import io.nash.search.api.SearchModel;
import io.nash.search.api.StepResult;
import io.nash.search.engine.GradientSum;
import io.nash.search.engine.PartitionTrainer;
import io.nash.search.engine.PathSampling;
import io.nash.search.engine.RoundState;
import io.nash.search.engine.Schedules;
import io.nash.search.engine.SearchDriver;
import io.nash.search.engine.SearchSettings;
import io.nash.search.engine.SearchState;
import io.nash.space.Seeds;
import io.nash.testutil.SearchFixtures;
import io.nash.testutil.SparkTestBase;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A Spark round against the same computation done in process, partition by partition. */
class SparkRoundTest extends SparkTestBase {

  private static SearchDriver driver(SearchSettings s, SearchModel m) {
    PartitionTrainer.Job job =
        new PartitionTrainer.Job(s.seed(), s.partitions(), s.localSteps(), s.batchSize());
    return new SearchDriver(
        s,
        m.layout(),
        m.alphaSize(),
        new SparkRoundEngine(spark(), s.runId(), MODEL, DATA, job, ""),
        null,
        null);
  }

  /** Round 0's path seeds of {@code p} partitions drawing independently. */
  private static long[] roundZeroSeeds(SearchSettings s, int p) {
    long[] seeds = new long[p];
    for (int i = 0; i < p; i++) {
      seeds[i] = Seeds.path(s.seed(), 0, i);
    }
    return seeds;
  }

  @Test
  void averagedUpdateEqualsMeanOfPerPartitionGradients() {
    int p = 4;
    SearchSettings s =
        SearchFixtures.settings("agg", 5, p, 1).toBuilder()
            .pathSampling(PathSampling.INDEPENDENT)
            .build();
    SearchModel m = MODEL.build();
    SearchDriver d = driver(s, m);
    SearchState st = d.initialState(m.initialWeights(1), m.alphaSize());
    SearchDriver.Outcome o = d.round(st);

    // in process: each partition's request with the same seeds, then the plain average
    SearchData data = DATA.open();
    long[] seeds = roundZeroSeeds(s, p);
    RoundState rs = new RoundState(0, st.weights(), st.alpha(), seeds, 0.025f, 0.5f, true);
    PartitionTrainer.Job job = new PartitionTrainer.Job(s.seed(), p, 1, s.batchSize());
    Map<Integer, float[]> wSum = new TreeMap<>();
    float[] aSum = new float[m.alphaSize()];
    for (int i = 0; i < p; i++) {
      StepResult r = m.runSteps(PartitionTrainer.request(job, data, rs, i, Placement.cpu(1)));
      r.weightUpdates()
          .forEach((k, v) -> add(wSum.computeIfAbsent(k, x -> new float[v.length]), v, 1.0 / p));
      add(aSum, r.alphaUpdate(), 1.0 / p);
    }
    assertEquals(wSum.keySet(), o.weightUpdate().keySet(), "touched tensors");
    // independent paths: partitions touched different tensors, so the union is larger than one path
    assertTrue(wSum.size() > 2 + 30, "tensors touched: " + wSum.size());
    for (int k : wSum.keySet()) {
      double e = SearchFixtures.relErr(o.weightUpdate().get(k), wSum.get(k));
      assertTrue(e <= 1e-5, "tensor " + k + " rel err " + e);
    }
    assertTrue(SearchFixtures.relErr(o.alphaUpdate(), aSum) <= 1e-5);
    assertEquals(p, o.stats().tasks());
  }

  /**
   * Up to 64 partitions the driver merges results in partition order; above, executors sum groups
   * of ceil(sqrt(P)) consecutive partitions in order and the driver the group sums in group order.
   */
  @ParameterizedTest
  @ValueSource(ints = {4, 66})
  void aRoundsSumIsThePartitionOrderSumBitForBit(int p) {
    // 256 samples: 66 partitions hold 3-4 each, so the batch shrinks to 2 there
    SearchSettings s =
        SearchSettings.builder("order" + p)
            .seed(2)
            .rounds(5)
            .partitions(p)
            .localSteps(1)
            .batchSize(p <= 64 ? 16 : 2)
            .alphaLr(0.05)
            .localAlphaLr(0.5)
            .pathSampling(PathSampling.INDEPENDENT)
            .build();
    SearchModel m = MODEL.build();
    SearchState st = driver(s, m).initialState(m.initialWeights(5), m.alphaSize());
    long[] seeds = roundZeroSeeds(s, p);
    RoundState rs = new RoundState(0, st.weights(), st.alpha(), seeds, 0.025f, 0.5f, true);
    PartitionTrainer.Job job = new PartitionTrainer.Job(s.seed(), p, 1, s.batchSize());
    GradientSum spark;
    try (SparkRoundEngine e = new SparkRoundEngine(spark(), "order" + p, MODEL, DATA, job, "")) {
      spark = e.run(rs, 5);
    }
    SearchData data = DATA.open();
    int group = p <= 64 ? p : (int) Math.ceil(Math.sqrt(p));
    GradientSum expected = new GradientSum();
    for (int g = 0; g * group < p; g++) {
      GradientSum groupSum = new GradientSum();
      for (int i = g * group; i < Math.min(p, (g + 1) * group); i++) {
        groupSum.merge(PartitionTrainer.train(job, m, data, rs, i, Placement.cpu(1)));
      }
      expected.merge(groupSum);
    }
    assertEquals(expected.weightSums().keySet(), spark.weightSums().keySet());
    for (int k : expected.weightSums().keySet()) {
      assertArrayEquals(expected.weightSums().get(k), spark.weightSums().get(k), 0f, "tensor " + k);
    }
    assertArrayEquals(expected.alphaSum(), spark.alphaSum(), 0f);
    assertEquals(p, spark.tasks());
  }

  @Test
  void warmupRoundsOnSparkEqualTheInProcessSearch() {
    SearchSettings s =
        SearchFixtures.settings("warm-spark", 4, 2, 1).toBuilder().warmupRounds(2).build();
    SearchModel m = MODEL.build();
    SearchDriver d = driver(s, m);
    SearchDriver.Result spark =
        d.run(d.initialState(m.initialWeights(Seeds.weightInit(s.seed())), m.alphaSize()));
    SearchDriver.Result local = SearchFixtures.runLocal(s, MODEL);
    assertTrue(spark.rounds().get(1).warmup(), "round 1 is a warm-up round on executors too");
    assertFalse(spark.rounds().get(2).warmup(), "round 2 runs architecture steps");
    assertTrue(SearchFixtures.maxAbsErr(spark.state().weights(), local.state().weights()) <= 1e-6);
    assertTrue(SearchFixtures.maxAbsErr(spark.state().alpha(), local.state().alpha()) <= 1e-6);
  }

  @Test
  void oneSparkRoundWithOnePartitionEqualsTheInProcessStep() {
    SearchSettings s = SearchFixtures.settings("p1", 5, 1, 1);
    SearchModel m = MODEL.build();
    SearchDriver d = driver(s, m);
    SearchState st = d.initialState(m.initialWeights(3), m.alphaSize());
    SearchState next = d.round(st).state();

    // the in-process step: one request, then clip, SGD-momentum and Adam by hand
    RoundState rs =
        new RoundState(
            0,
            st.weights(),
            st.alpha(),
            new long[] {Seeds.path(s.seed(), 0, Seeds.SHARED)},
            0.025f,
            0.5f,
            true);
    StepResult r =
        m.runSteps(
            PartitionTrainer.request(
                new PartitionTrainer.Job(s.seed(), 1, 1, s.batchSize()),
                DATA.open(),
                rs,
                0,
                Placement.cpu(1)));
    Map<Integer, float[]> g = new HashMap<>();
    r.weightUpdates().forEach((k, v) -> g.put(k, v.clone()));
    Schedules.clipNorm(g, 5);
    float[] w = st.weights().clone();
    FlatOptimizer sgd = new FlatOptimizer(new SgdMomentum(0.9, 3e-4), w.length);
    g.forEach((k, v) -> sgd.update(w, m.layout().offset(k), v, v.length, 0.025));
    float[] a = st.alpha().clone();
    new FlatOptimizer(new Adam(0, 0.999, 1e-8, 1e-3), a.length)
        .update(a, 0, r.alphaUpdate(), a.length, 0.05);
    assertTrue(SearchFixtures.maxAbsErr(next.weights(), w) <= 1e-7);
    assertTrue(SearchFixtures.maxAbsErr(next.alpha(), a) <= 1e-7);
    assertFalse(java.util.Arrays.equals(st.alpha(), next.alpha()), "alpha moved");
  }

  @Test
  void localStepsAboveOneMatchTheInProcessEngine() {
    SearchSettings s = SearchFixtures.settings("ls4", 3, 2, 4);
    float[] spark = SparkSearch.run(spark(), s, MODEL, DATA, null, null).state().alpha();
    float[] local = SearchFixtures.runLocal(s, MODEL).state().alpha();
    assertTrue(SearchFixtures.maxAbsErr(spark, local) <= 1e-6);
  }

  private static void add(float[] acc, float[] v, double f) {
    for (int i = 0; i < v.length; i++) {
      acc[i] += (float) (v[i] * f);
    }
  }
}
