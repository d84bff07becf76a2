package io.nash.spark;

import static io.nash.testutil.SearchFixtures.DATA;
import static io.nash.testutil.SearchFixtures.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.search.dist.SearchDriver;
import io.nash.search.dist.SearchSettings;
import io.nash.testutil.SearchFixtures;
import io.nash.testutil.SparkTestBase;
import java.util.Arrays;
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
            spark("local-cluster[2,1,1536]"), s.withFailOnce("1:1"), MODEL, DATA, null, null);
    // the driver plus two executor JVMs
    long jvms =
        Arrays.stream(
                spark("local-cluster[2,1,1536]").sparkContext().statusTracker().getExecutorInfos())
            .count();
    SearchDriver.Result local = SparkSearch.run(spark("local[1]"), s, MODEL, DATA, null, null);

    // the same run with every delta read from its broadcast instead of pushed with the tasks
    SearchDriver.Result broadcastOnly;
    io.nash.search.api.SearchModel m = MODEL.build();
    io.nash.search.dist.PartitionTrainer.Job job =
        new io.nash.search.dist.PartitionTrainer.Job(
            s.seed(), s.partitions(), s.localSteps(), s.batchSize());
    try (SparkRoundEngine e =
        new SparkRoundEngine(
            spark("local-cluster[2,1,1536]"), "cluster-b", MODEL, DATA, job, "", 8, 0)) {
      SearchDriver d = new SearchDriver(s, m.layout(), m.alphaSize(), e, null, null);
      broadcastOnly =
          d.run(
              d.initialState(
                  m.initialWeights(io.nash.search.dist.Seeds.init(s.seed(), 0)), m.alphaSize()));
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
}
