package io.nash.spark;

import static io.nash.testutil.SearchFixtures.DATA;
import static io.nash.testutil.SearchFixtures.MODEL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.search.api.SearchModel;
import io.nash.search.engine.PartitionTrainer;
import io.nash.search.engine.PathSampling;
import io.nash.search.engine.RoundStats;
import io.nash.search.engine.SearchDriver;
import io.nash.search.engine.SearchSettings;
import io.nash.space.Seeds;
import io.nash.testutil.SearchFixtures;
import io.nash.testutil.SparkTestBase;
import io.nash.transport.WeightPatch;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Weight deltas instead of full broadcasts change no bit of the result, whether executors keep
 * their replica, lose it between rounds, or catch up across full-state refreshes.
 */
class DeltaBroadcastTest extends SparkTestBase {

  private static SearchDriver.Result run(
      SearchSettings s, int fullEvery, Consumer<RoundStats> listener) {
    SearchModel m = MODEL.build();
    PartitionTrainer.Job job =
        new PartitionTrainer.Job(s.seed(), s.partitions(), s.localSteps(), s.batchSize());
    try (SparkRoundEngine e =
        new SparkRoundEngine(spark(), s.runId(), MODEL, DATA, job, "", fullEvery, 0)) {
      SearchDriver d = new SearchDriver(s, m.layout(), m.alphaSize(), e, null, listener);
      return d.run(d.initialState(m.initialWeights(Seeds.weightInit(s.seed())), m.alphaSize()));
    }
  }

  @Test
  void deltasWithLostReplicasEqualFullBroadcastsBitForBit() {
    SearchSettings s =
        // two partitions: the driver adds task sums in completion order (RDD.fold), and only with
        // two of them is that order irrelevant bit for bit (a + b == b + a)
        SearchFixtures.settings("delta", 5, 2, 1).toBuilder()
            .pathSampling(PathSampling.INDEPENDENT)
            .build();
    int published = PatchRef.inJvmCount();
    SearchDriver.Result full = run(s, 1, null);
    SearchDriver.Result delta = run(s, 3, null);
    // every executor JVM (here the test JVM) forgets its replica after rounds 1 and 3, so the
    // tasks of round 2 rebuild from base 0 + deltas 1, 2 and those of round 4 from base 3 + delta 4
    Consumer<RoundStats> forget =
        r -> {
          if (r.round() == 1 || r.round() == 3) {
            ExecutorCache.clear();
          }
        };
    SearchDriver.Result stale = run(s, 3, forget);
    // local mode: patches live in the driver's JVM, not in broadcasts, and leave with the engine
    assertEquals(published, PatchRef.inJvmCount(), "closed engines release their patches");
    for (SearchDriver.Result r : new SearchDriver.Result[] {delta, stale}) {
      assertArrayEquals(full.state().weights(), r.state().weights(), 0f);
      assertArrayEquals(full.state().alpha(), r.state().alpha(), 0f);
    }
    SearchDriver.Result local = SearchFixtures.runLocal(s, MODEL);
    assertTrue(SearchFixtures.maxAbsErr(delta.state().alpha(), local.state().alpha()) <= 1e-6);
    assertTrue(SearchFixtures.maxAbsErr(delta.state().weights(), local.state().weights()) <= 1e-6);

    // rounds 0 and 3 broadcast a base (all weights), the others only the sampled paths' tensors
    long fullBytes = 4L * MODEL.build().layout().total();
    long[] bytes = delta.rounds().stream().mapToLong(RoundStats::broadcastBytes).toArray();
    long[] every = full.rounds().stream().mapToLong(RoundStats::broadcastBytes).toArray();
    for (int k = 0; k < bytes.length; k++) {
      assertTrue(every[k] > fullBytes, "full scheme round " + k + ": " + every[k]);
      if (k % 3 == 0) {
        assertTrue(bytes[k] > fullBytes, "round " + k + ": " + bytes[k]);
      } else {
        // two independent paths over the toy model's 40 edges: many, not all, tensors
        assertTrue(bytes[k] < fullBytes * 0.9, "round " + k + ": " + bytes[k] + " of " + fullBytes);
      }
    }
  }

  @Test
  void aReleasedInJvmPatchFailsClearly() {
    org.apache.spark.api.java.JavaSparkContext jsc =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark().sparkContext());
    WeightPatch p = WeightPatch.full(4, new float[] {1, 2});
    PatchRef ref = PatchRef.publish(jsc, p);
    assertTrue(ref.value() == p, "local mode hands out the driver's own object, not a copy");
    ref.destroy();
    IllegalStateException e = assertThrows(IllegalStateException.class, ref::value);
    assertTrue(e.getMessage().startsWith("weight patch of version 4 was released"), e.getMessage());
  }
}
