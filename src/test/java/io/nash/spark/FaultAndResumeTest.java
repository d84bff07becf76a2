package io.nash.spark;

import static io.nash.testutil.SearchFixtures.DATA;
import static io.nash.testutil.SearchFixtures.MODEL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.search.engine.SearchDriver;
import io.nash.search.engine.SearchSettings;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import io.nash.testutil.CommitFaults;
import io.nash.testutil.SearchFixtures;
import io.nash.testutil.SparkTestBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries and resumes reproduce the uninterrupted run exactly. */
class FaultAndResumeTest extends SparkTestBase {

  @Test
  void aTaskFailingOnItsFirstAttemptIsRetriedToTheSameResult() throws Exception {
    SearchSettings s = SearchFixtures.settings("fault", 3, 2, 1);
    float[] clean = SparkSearch.run(spark(), s, MODEL, DATA, null, null).state().alpha();

    AtomicInteger failed = new AtomicInteger();
    SparkListener l =
        new SparkListener() {
          @Override
          public void onTaskEnd(SparkListenerTaskEnd e) {
            if (!e.taskInfo().successful()) {
              failed.incrementAndGet();
            }
          }
        };
    spark().sparkContext().addSparkListener(l);
    try {
      float[] retried =
          SparkSearch.run(spark(), s.toBuilder().failOnce("1:1").build(), MODEL, DATA, null, null)
              .state()
              .alpha();
      spark().sparkContext().listenerBus().waitUntilEmpty();
      assertEquals(1, failed.get(), "exactly the injected task failed once");
      assertArrayEquals(clean, retried, 0f);
    } finally {
      spark().sparkContext().removeSparkListener(l);
    }
  }

  @Test
  void resumeFromTheNewestCommittedCheckpointEqualsAnUninterruptedRun(@TempDir Path dir)
      throws Exception {
    SearchSettings s = SearchFixtures.settings("resume", 5, 2, 1);
    SearchDriver.Result full = SparkSearch.run(spark(), s, MODEL, DATA, null, null);

    HadoopCheckpointStore store =
        new HadoopCheckpointStore(
            io.nash.store.Store.open(dir.toUri().toString(), Map.of()), "checkpoints");
    SearchDriver.Result first =
        SparkSearch.run(
            spark(),
            s.toBuilder().checkpointEvery(1).stopAfter(3).resume(false).build(),
            MODEL,
            DATA,
            store,
            null);
    assertEquals(3, first.state().nextRound(), "stopped after 3 rounds");
    // debris a crash could leave: a temp folder, an uncommitted round, a corrupt committed one
    store.writeRaw("_tmp-round-9-x/state.bin", first.state().toBytes());
    store.writeRaw("round-7/state.bin", first.state().toBytes());
    store.writeRaw("round-8/state.bin", "garbage".getBytes(StandardCharsets.UTF_8));
    store.writeRaw("round-8/_COMMITTED", new byte[0]);
    assertEquals(3, store.latest().orElseThrow().nextRound());

    SearchDriver.Result resumed =
        SparkSearch.run(
            spark(),
            s.toBuilder().checkpointEvery(1).stopAfter(0).resume(true).build(),
            MODEL,
            DATA,
            store,
            null);
    assertEquals(2, resumed.rounds().size(), "only rounds 4 and 5 ran");
    assertTrue(SearchFixtures.maxAbsErr(resumed.state().alpha(), full.state().alpha()) <= 1e-6);
    assertTrue(SearchFixtures.maxAbsErr(resumed.state().weights(), full.state().weights()) <= 1e-6);
    assertEquals(5, store.latest().orElseThrow().nextRound());
  }

  @Test
  void aDriverDyingWhileItCommitsACheckpointResumesFromThePreviousOne(@TempDir Path dir)
      throws Exception {
    SearchSettings s = SearchFixtures.settings("dying", 5, 2, 1);
    SearchDriver.Result full = SparkSearch.run(spark(), s, MODEL, DATA, null, null);
    try (Store store = Store.open(dir.toUri().toString(), Map.of());
        Store dying =
            Store.open(new StoreSpec(store.spec().uri(), CommitFaults.settings("file")), null)) {
      HadoopCheckpointStore good = new HadoopCheckpointStore(store, "checkpoints");
      SparkSearch.run(
          spark(),
          s.toBuilder().checkpointEvery(1).stopAfter(2).resume(false).build(),
          MODEL,
          DATA,
          good,
          null);
      CommitFaults.failNextMarkers(1);
      try {
        // round 3's checkpoint dies after state.bin, before its marker: the run stops there
        assertThrows(
            java.io.UncheckedIOException.class,
            () ->
                SparkSearch.run(
                    spark(),
                    s.toBuilder().checkpointEvery(1).stopAfter(0).resume(true).build(),
                    MODEL,
                    DATA,
                    new HadoopCheckpointStore(dying, "checkpoints"),
                    null));
      } finally {
        CommitFaults.disarm();
      }
      assertEquals(2, good.latest().orElseThrow().nextRound(), "round 3 is not visible");
      assertEquals(java.util.List.of("round-1", "round-2"), store.list("checkpoints"));
      SearchDriver.Result resumed =
          SparkSearch.run(
              spark(),
              s.toBuilder().checkpointEvery(1).stopAfter(0).resume(true).build(),
              MODEL,
              DATA,
              good,
              null);
      assertEquals(3, resumed.rounds().size(), "rounds 3 to 5 ran");
      assertArrayEquals(full.state().alpha(), resumed.state().alpha(), 0f);
      assertArrayEquals(full.state().weights(), resumed.state().weights(), 0f);
      assertEquals(5, good.latest().orElseThrow().nextRound());
    }
  }
}
