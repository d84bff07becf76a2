package io.nash.search.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.nn.SupernetSpec;
import io.nash.search.DatasetSearchData;
import io.nash.search.SupernetSearchModel;
import io.nash.search.api.SearchData;
import io.nash.space.Backbone;
import io.nash.space.NashVersion;
import io.nash.spark.HadoopCheckpointStore;
import io.nash.testutil.SearchFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-process NASH search as the driver runs it (one partition, one local step, {@link
 * LocalRoundEngine}) on the real supernet: exact resume, fallback past a damaged checkpoint, and a
 * batch too large for the data. ResNet18/V1 at width 4 on 1x16x16 synthetic images: 64 training
 * images split 32/32, batch 8, so an "epoch" is 4 rounds.
 */
class SupernetSearchTest {
  private static final int ROUNDS_PER_EPOCH = 4;

  private static SearchData data(int images) {
    return new DatasetSearchData()
        .open(
            DatasetSearchData.spec(
                "synthetic?train=" + images + "&test=8&classes=4&channels=1&size=16&seed=3",
                0,
                0,
                0.5),
            Map.of());
  }

  private static SupernetSearchModel model() {
    return new SupernetSearchModel(
        SupernetSpec.of(Backbone.RESNET18, NashVersion.V1, 4, 1, 16, 4), 1);
  }

  /** Two epochs, batch {@code batch}; the paper's optimizer settings. */
  private static SearchSettings twoEpochs(int batch) {
    return SearchSettings.builder("tiny")
        .seed(5)
        .rounds(2 * ROUNDS_PER_EPOCH)
        .partitions(1)
        .localSteps(1)
        .batchSize(batch)
        .build();
  }

  private static HadoopCheckpointStore store(Path dir) {
    return new HadoopCheckpointStore(
        io.nash.store.Store.open(dir.toUri().toString(), Map.of()), "checkpoints");
  }

  private static SearchState straight() {
    return SearchFixtures.runLocal(twoEpochs(8), model(), data(64), null, null).state();
  }

  private static void assertSameState(SearchState want, SearchState got) {
    assertEquals(want.nextRound(), got.nextRound());
    assertTrue(
        SearchFixtures.maxAbsErr(got.alpha(), want.alpha()) <= 1e-5,
        "alpha differs by " + SearchFixtures.maxAbsErr(got.alpha(), want.alpha()));
    assertTrue(
        SearchFixtures.maxAbsErr(got.weights(), want.weights()) <= 1e-5,
        "weights differ by " + SearchFixtures.maxAbsErr(got.weights(), want.weights()));
  }

  @Test
  void twoEpochsEqualOneEpochPlusResumePlusOne(@TempDir Path dir) {
    SearchState full = straight();
    HadoopCheckpointStore store = store(dir);
    SearchSettings every =
        twoEpochs(8).toBuilder()
            .checkpointEvery(ROUNDS_PER_EPOCH)
            .stopAfter(ROUNDS_PER_EPOCH)
            .resume(false)
            .build();
    SearchDriver.Result first = SearchFixtures.runLocal(every, model(), data(64), store, null);
    assertEquals(ROUNDS_PER_EPOCH, first.state().nextRound(), "stopped after one epoch");
    assertFalse(Arrays.equals(first.state().alpha(), full.alpha()), "one epoch is not two");

    SearchSettings resume =
        twoEpochs(8).toBuilder()
            .checkpointEvery(ROUNDS_PER_EPOCH)
            .stopAfter(0)
            .resume(true)
            .build();
    // a fresh model and data set, as a new process would have
    SearchDriver.Result rest = SearchFixtures.runLocal(resume, model(), data(64), store, null);
    assertEquals(ROUNDS_PER_EPOCH, rest.rounds().size(), "only the second epoch ran");
    assertEquals(ROUNDS_PER_EPOCH, rest.rounds().get(0).round(), "it started at round 4");
    assertSameState(full, rest.state());
  }

  @Test
  void damagedNewestCheckpointFallsBackToThePreviousOne(@TempDir Path dir) throws Exception {
    HadoopCheckpointStore store = store(dir);
    SearchSettings every =
        twoEpochs(8).toBuilder()
            .checkpointEvery(ROUNDS_PER_EPOCH)
            .stopAfter(0)
            .resume(false)
            .build();
    SearchFixtures.runLocal(every, model(), data(64), store, null);
    assertEquals(2 * ROUNDS_PER_EPOCH, store.latest().orElseThrow().nextRound());
    // a crash while the newest checkpoint was written: the file is cut in half
    Path newest =
        dir.resolve("checkpoints").resolve("round-" + 2 * ROUNDS_PER_EPOCH).resolve("state.bin");
    byte[] bytes = Files.readAllBytes(newest);
    Files.write(newest, Arrays.copyOf(bytes, bytes.length / 2));
    assertEquals(ROUNDS_PER_EPOCH, store.latest().orElseThrow().nextRound());

    SearchDriver.Result again =
        SearchFixtures.runLocal(
            every.toBuilder().checkpointEvery(ROUNDS_PER_EPOCH).stopAfter(0).resume(true).build(),
            model(),
            data(64),
            store,
            null);
    assertEquals(ROUNDS_PER_EPOCH, again.rounds().size(), "the second epoch ran again");
    assertSameState(straight(), again.state());
    assertEquals(2 * ROUNDS_PER_EPOCH, store.latest().orElseThrow().nextRound(), "rewritten");
  }

  @Test
  void rejectsABatchLargerThanASplitPart(@TempDir Path dir) {
    HadoopCheckpointStore store = store(dir);
    SearchSettings s =
        twoEpochs(16).toBuilder().checkpointEvery(1).stopAfter(0).resume(false).build();
    // 20 images: 10 train the weights, 10 alpha; a batch of 16 fits neither
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SearchFixtures.runLocal(s, model(), data(20), store, null));
    assertTrue(
        e.getMessage().startsWith("nash.search.batch-size = 16: must be >= 1 and <= the 10"),
        e.getMessage());
    assertTrue(store.latest().isEmpty(), "nothing was checkpointed");
  }
}
