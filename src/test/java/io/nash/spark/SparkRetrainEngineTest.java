package io.nash.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.config.Settings;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.PublishedGenotypes;
import io.nash.space.SpaceJson;
import io.nash.store.CandidateAccuracy;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import io.nash.testutil.SparkTestBase;
import io.nash.train.RetrainJob;
import io.nash.train.RetrainOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task-parallel retraining: one task per candidate, results in the store, failures as rows. */
class SparkRetrainEngineTest extends SparkTestBase {
  @Test
  void retrainsEachCandidateInItsOwnTaskAndReportsAFailure(@TempDir Path dir) {
    String uri = dir.resolve("store").toUri().toString();
    Map<String, String> settings = tinySettings();
    String v1 = SpaceJson.architectureJson(Architecture.of(PublishedGenotypes.V1));
    String base = SpaceJson.architectureJson(Architecture.baseline(Backbone.RESNET18));
    List<RetrainJob> jobs =
        List.of(
            new RetrainJob("r1", "c0", v1, settings),
            new RetrainJob("r1", "bad", "{\"backbone\":\"resnet18\",\"oops\":1}", settings),
            new RetrainJob("r1", "baseline", base, settings));

    List<RetrainOutcome> out =
        new SparkRetrainEngine(spark(), new StoreSpec(uri, Map.of())).run(jobs);

    assertEquals(
        List.of("c0", "bad", "baseline"), out.stream().map(RetrainOutcome::candidateId).toList());
    assertTrue(out.get(0).ok() && out.get(2).ok(), out.toString());
    assertFalse(out.get(1).ok());
    assertTrue(out.get(1).error().contains("IllegalArgumentException"), out.get(1).error());
    assertNull(out.get(1).top1());
    try (Store store = Store.open(uri, Map.of())) {
      for (String id : List.of("c0", "baseline")) {
        var acc = CandidateAccuracy.read(store, "r1", id).orElseThrow();
        RetrainOutcome o = out.get(id.equals("c0") ? 0 : 2);
        assertEquals(o.top1(), acc.top1(), 1e-12, id);
        assertEquals(1, o.epochs());
        assertTrue(store.exists("runs/r1/candidates/" + id + "/model.onnx"), id);
      }
      assertTrue(CandidateAccuracy.read(store, "r1", "bad").isEmpty());
    }
    // 4 classes: no top-5
    assertNull(out.get(0).top5());
  }

  /** Settings of a retraining that takes seconds: 64 synthetic 16x16 images, width 4, 1 epoch. */
  static Map<String, String> tinySettings() {
    return Settings.load(
            List.of(),
            Map.of(
                "nash.data.spec",
                "synthetic?train=64&test=32&classes=4&channels=1&size=16&seed=3",
                "nash.train.epochs",
                "1",
                "nash.train.width",
                "4",
                "nash.train.batch-size",
                "16"))
        .asStrings();
  }

  @Test
  void jobsAndOutcomesRoundTripThroughKryo() {
    RetrainJob job = new RetrainJob("r", "c1", "{}", Map.of("a", "1", "b", "x y"));
    assertEquals(job, KryoRoundTripTest.roundTrip(job));
    RetrainOutcome ok = new RetrainOutcome("c1", "ok", 0.75, null, 3, "", 1234);
    assertEquals(ok, KryoRoundTripTest.roundTrip(ok));
    RetrainOutcome bad = new RetrainOutcome("c2", "failed", null, null, 0, "boom", 5);
    assertEquals(bad, KryoRoundTripTest.roundTrip(bad));
  }
}
