package io.nash.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.space.Architecture;
import io.nash.space.PublishedGenotypes;
import io.nash.space.SpaceJson;
import io.nash.store.CandidateAccuracy;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import io.nash.testutil.SparkTestBase;
import io.nash.train.LocalRetrainEngine;
import io.nash.train.RetrainEngine;
import io.nash.train.RetrainJob;
import io.nash.train.RetrainOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two retraining engines on a tiny job: the Spark engine (local mode) gives the outcomes of the
 * in-process one and writes byte-equal {@code accuracy.json} and {@code model.onnx}: training is a
 * pure function of the job's settings and seed.
 */
class RetrainEnginesTest extends SparkTestBase {

  @Test
  void sparkEngineRetrainsExactlyAsTheLocalEngine(@TempDir Path dir) {
    Map<String, String> settings = SparkRetrainEngineTest.tinySettings();
    String v1 = SpaceJson.architectureJson(Architecture.of(PublishedGenotypes.V1));
    List<RetrainJob> jobs =
        List.of(
            new RetrainJob("r1", "c0", v1, settings),
            new RetrainJob("r1", "bad", "{\"backbone\":\"resnet18\",\"oops\":1}", settings));
    StoreSpec localStore = new StoreSpec(dir.resolve("local").toUri().toString(), Map.of());
    StoreSpec sparkStore = new StoreSpec(dir.resolve("spark").toUri().toString(), Map.of());
    RetrainEngine localEngine = new LocalRetrainEngine(localStore);
    RetrainEngine sparkEngine = new SparkRetrainEngine(spark(), sparkStore);

    List<RetrainOutcome> local = localEngine.run(jobs);
    List<RetrainOutcome> remote = sparkEngine.run(jobs);

    assertEquals(List.of("c0", "bad"), local.stream().map(RetrainOutcome::candidateId).toList());
    assertTrue(local.get(0).ok(), local.toString());
    assertFalse(local.get(1).ok());
    assertTrue(local.get(1).error().contains("IllegalArgumentException"), local.get(1).error());
    assertEquals(timeless(local), timeless(remote));
    try (Store a = localStore.open();
        Store b = sparkStore.open()) {
      assertEquals(local.get(0).top1(), CandidateAccuracy.read(a, "r1", "c0").orElseThrow().top1());
      String acc = CandidateAccuracy.path("r1", "c0");
      assertArrayEquals(a.get(acc).orElseThrow(), b.get(acc).orElseThrow(), acc);
      String onnx = RunLayout.candidate("r1", "c0") + "/model.onnx";
      byte[] model = a.get(onnx).orElseThrow();
      assertTrue(model.length > 1000, onnx + ": " + model.length + " bytes");
      assertArrayEquals(model, b.get(onnx).orElseThrow(), onnx);
      assertFalse(b.exists(CandidateAccuracy.path("r1", "bad")));
    }
  }

  /** The outcomes without the time each took. */
  private static List<RetrainOutcome> timeless(List<RetrainOutcome> out) {
    return out.stream()
        .map(
            o ->
                new RetrainOutcome(
                    o.candidateId(), o.status(), o.top1(), o.top5(), o.epochs(), o.error(), 0))
        .toList();
  }
}
