package io.nash.spark;

import static io.nash.testutil.SearchFixtures.DATA;
import static io.nash.testutil.SearchFixtures.MODEL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.search.api.ParamLayout;
import io.nash.search.engine.SearchDriver;
import io.nash.search.engine.SearchSettings;
import io.nash.testutil.SearchFixtures;
import io.nash.testutil.SparkTestBase;
import io.nash.transport.WeightPatch;
import io.nash.transport.WeightReplica;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** A real multi-JVM run: two executor JVMs compute what local[1] computes. */
class LocalClusterTest extends SparkTestBase {

  @Test
  void aSearchOnTwoExecutorJvmsEqualsTheLocalOneRun() {
    SearchSettings s = SearchFixtures.settings("cluster", 3, 2, 1);
    // round 1's second task fails once and is retried, on either executor: weights reach the
    // executors as deltas against their replicas (a full base only in round 0), so the retry
    // must rebuild or patch its JVM's replica to exactly the driver's round-1 weights
    SearchDriver.Result cluster =
        SparkSearch.run(
            spark("local-cluster[2,1,1536]"),
            s.toBuilder().failOnce("1:1").build(),
            MODEL,
            DATA,
            null,
            null);
    // the driver plus two executor JVMs
    long jvms =
        Arrays.stream(
                spark("local-cluster[2,1,1536]").sparkContext().statusTracker().getExecutorInfos())
            .count();
    SearchDriver.Result local = SparkSearch.run(spark("local[1]"), s, MODEL, DATA, null, null);

    // the same run with every delta read from its broadcast instead of pushed with the tasks
    SearchDriver.Result broadcastOnly;
    io.nash.search.api.SearchModel m = MODEL.build();
    io.nash.search.engine.PartitionTrainer.Job job =
        new io.nash.search.engine.PartitionTrainer.Job(
            s.seed(), s.partitions(), s.localSteps(), s.batchSize());
    try (SparkRoundEngine e =
        new SparkRoundEngine(
            spark("local-cluster[2,1,1536]"), "cluster-b", MODEL, DATA, job, "", 8, 0)) {
      SearchDriver d = new SearchDriver(s, m.layout(), m.alphaSize(), e, null, null);
      broadcastOnly =
          d.run(
              d.initialState(
                  m.initialWeights(io.nash.space.Seeds.weightInit(s.seed())), m.alphaSize()));
    }

    assertEquals(3, cluster.rounds().size());
    // two partitions: the merge order cannot matter, so pushing changes no bit
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        broadcastOnly.state().weights(), cluster.state().weights(), 0f);
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        broadcastOnly.state().alpha(), cluster.state().alpha(), 0f);
    // rounds 1 and 2 pushed their delta to both tasks on top of broadcasting it
    for (int r = 1; r < 3; r++) {
      assertTrue(
          cluster.rounds().get(r).broadcastBytes() > broadcastOnly.rounds().get(r).broadcastBytes(),
          "round " + r + " pushed its delta");
    }
    assertEquals(3, jvms, "driver + 2 executors");
    assertTrue(SearchFixtures.maxAbsErr(cluster.state().alpha(), local.state().alpha()) <= 1e-4);
  }

  /**
   * Outside local mode a pushed delta is broadcast in the background: the round's own chain holds a
   * stand-in (reading it fails loudly), the next version's chain the real broadcast, from which an
   * executor that missed the round rebuilds exactly. Driver side only, on the cluster's context
   * (broadcast values are readable on the driver).
   */
  @Test
  void pushedDeltasAreBroadcastInTheBackgroundForExecutorsThatMissARound() {
    JavaSparkContext jsc =
        JavaSparkContext.fromSparkContext(spark("local-cluster[2,1,1536]").sparkContext());
    ParamLayout layout = new ParamLayout(List.of("a", "b", "c"), new int[] {3, 2, 4});
    float[] w0 = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    float[] w1 = w0.clone();
    w1[0] = -1; // tensor a
    float[] w2 = w1.clone();
    w2[5] = 0.5f; // tensor c
    w2[8] = -9;
    try (StateBroadcaster b = new StateBroadcaster(jsc, layout, "bg-test", 8)) {
      PatchChain c0 = b.next(w0, bytes -> true); // version 0: the full base, no delta
      PatchChain c1 = b.next(w1, bytes -> true);
      WeightPatch d1 = b.lastDelta();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> c1.delta(1));
      assertTrue(e.getMessage().contains("travels with the round's tasks"), e.getMessage());
      assertArrayEquals(w1, new WeightReplica().sync(c1.withNewest(d1)), 0f);
      b.publishPushed(); // as the engine does when the round's job returns

      PatchChain c2 = b.next(w2, bytes -> true);
      WeightPatch d2 = b.lastDelta();
      assertEquals(1, c2.delta(1).version(), "round 1's delta, broadcast meanwhile");
      assertThrows(IllegalStateException.class, () -> c2.delta(2));
      // an executor that missed round 1: base 0 + broadcast delta 1 + pushed delta 2
      WeightReplica missed = new WeightReplica();
      assertArrayEquals(w0, missed.sync(c0), 0f);
      assertArrayEquals(w2, missed.sync(c2.withNewest(d2)), 0f);
      assertEquals(0, missed.rebuilds() - 1, "caught up from deltas, no second rebuild");
      // a fresh executor: the same from the base
      assertArrayEquals(w2, new WeightReplica().sync(c2.withNewest(d2)), 0f);
      // round 2's delta was never handed to the background: the next version publishes it
      PatchChain c3 = b.next(w2.clone(), bytes -> false);
      assertEquals(2, c3.delta(2).version());
      WeightReplica missedTwo = new WeightReplica();
      assertArrayEquals(w0, missedTwo.sync(c0), 0f);
      assertArrayEquals(w2, missedTwo.sync(c3), 0f);
      assertEquals(3, c3.delta(3).version());
    }
  }
}
