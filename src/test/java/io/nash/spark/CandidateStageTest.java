package io.nash.spark;

import static io.nash.testutil.SearchFixtures.DATA;
import static io.nash.testutil.SearchFixtures.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.nn.SupernetSpec;
import io.nash.search.Candidate;
import io.nash.search.CandidateEnumerator;
import io.nash.search.DatasetSearchData;
import io.nash.search.SupernetFactory;
import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.api.Placement;
import io.nash.search.api.SearchModel;
import io.nash.search.engine.CandidateRow;
import io.nash.search.engine.EvalSettings;
import io.nash.search.engine.LocalCandidateEngine;
import io.nash.search.engine.SearchDriver;
import io.nash.search.engine.SearchSettings;
import io.nash.space.ArchWeights;
import io.nash.space.Backbone;
import io.nash.space.NashVersion;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import io.nash.store.UnitCommitter;
import io.nash.testutil.CommitFaults;
import io.nash.testutil.SearchFixtures;
import io.nash.testutil.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The candidate stage after a short search: one row per candidate, failures become rows, and the
 * Spark stage gives exactly the rows of the in-process evaluation ({@link LocalCandidateEngine}
 * over the same candidates with a model and data opened in this process), for the toy model and for
 * the DJL supernet.
 */
class CandidateStageTest extends SparkTestBase {

  @Test
  void evaluatesEveryCandidateAndTurnsAFailureIntoARow(@TempDir Path dir) throws Exception {
    SearchSettings s = SearchFixtures.settings("cands", 2, 2, 1);
    SearchDriver.Result r = SparkSearch.run(spark(), s, MODEL, DATA, null, null);
    ArchWeights alpha = ArchWeights.fromFlat(Backbone.RESNET18, NashVersion.V4, r.state().alpha());
    List<Candidate> cands = CandidateEnumerator.enumerate(alpha, 3, 4, 11);
    assertEquals("argmax", cands.get(0).source());
    // the one made to fail: the model throws for this genotype
    Map<String, String> settings = new HashMap<>(MODEL.settings());
    settings.put("fail-genotype", cands.get(2).genotype().compact());
    ModelSpec failing = new ModelSpec(MODEL.factoryClass(), settings);

    List<CandidateRow> rows =
        spark(
            "cands",
            failing,
            DATA,
            2,
            cands,
            r.state().weights(),
            EvalSettings.builder().bnBatches(2).batchSize(32).validSamples(128).seed(5).build());

    assertEquals(cands.size(), rows.size());
    assertEquals(
        cands.stream().map(Candidate::id).toList(), rows.stream().map(CandidateRow::id).toList());
    assertEquals(rows.size(), rows.stream().map(CandidateRow::genotype).distinct().count());
    List<CandidateRow> failed = rows.stream().filter(x -> !x.ok()).collect(Collectors.toList());
    assertEquals(1, failed.size());
    assertEquals(cands.get(2).id(), failed.get(0).id());
    assertTrue(failed.get(0).error().contains("injected evaluation failure"));
    for (CandidateRow ok : rows) {
      if (ok.ok()) {
        assertEquals(128, ok.samples());
        assertTrue(ok.accuracy() >= 0 && ok.accuracy() <= 1 && ok.loss() > 0);
      }
    }

    try (Store store = Store.open(dir.toUri().toString(), Map.of())) {
      // a driver that dies while committing the table (after its data, before the marker) leaves
      // nothing a reader sees, and the rerun below commits the whole table
      try (Store dying =
          Store.open(new StoreSpec(store.spec().uri(), CommitFaults.settings("file")), null)) {
        CommitFaults.failNextMarkers(1);
        assertThrows(
            java.io.UncheckedIOException.class,
            () -> SparkCandidateEngine.write(spark(), dying, "cands", rows));
      } finally {
        CommitFaults.disarm();
      }
      assertFalse(UnitCommitter.isCommitted(store, RunLayout.candidatesTable("cands")));
      assertTrue(RunLayout.candidatesJson(store, "cands").isEmpty());
      assertTrue(SparkCandidateEngine.parquetUri(store, "cands").isEmpty());
      assertEquals(List.of(), store.list("runs/cands"), "nothing visible, staging removed");
      assertEquals(
          UnitCommitter.Outcome.COMMITTED,
          SparkCandidateEngine.write(spark(), store, "cands", rows));
      JsonNode json =
          new ObjectMapper()
              .readTree(
                  Files.readString(dir.resolve("runs/cands/candidates-table/candidates.json")));
      assertEquals(rows.size(), json.size());
      assertTrue(json.get(2).get("accuracy").isNull());
      assertEquals("failed", json.get(2).get("status").asText());
      String parquet = SparkCandidateEngine.parquetUri(store, "cands").orElseThrow();
      assertEquals(rows.size(), spark().read().parquet(parquet).count());
      assertEquals(List.of("candidates-table"), store.list("runs/cands"), "no staging left");
    }
  }

  @Test
  void sparkStageGivesTheInProcessRowsOfTheToyModel() {
    SearchSettings s = SearchFixtures.settings("cands-same", 2, 2, 1);
    SearchDriver.Result r = SearchFixtures.runLocal(s, MODEL);
    ArchWeights alpha = ArchWeights.fromFlat(Backbone.RESNET18, NashVersion.V4, r.state().alpha());
    List<Candidate> cands = CandidateEnumerator.enumerate(alpha, 3, 4, 13);
    Map<String, String> settings = new HashMap<>(MODEL.settings());
    settings.put("fail-genotype", cands.get(1).genotype().compact());
    ModelSpec failing = new ModelSpec(MODEL.factoryClass(), settings);
    EvalSettings es =
        EvalSettings.builder().bnBatches(2).batchSize(32).validSamples(100).seed(5).build();

    List<CandidateRow> local = inProcess(failing, DATA, es, r.state().weights(), cands);
    List<CandidateRow> onSpark =
        spark("cands-same", failing, DATA, 2, cands, r.state().weights(), es);

    assertSameRows(local, onSpark);
    assertEquals(List.of(cands.get(1).id()), failedIds(onSpark));
    // the rows are not all alike: the comparison is between different accuracies
    assertTrue(
        onSpark.stream().filter(CandidateRow::ok).map(CandidateRow::loss).distinct().count() > 1);
  }

  @Test
  void sparkStageGivesTheInProcessRowsOfTheDjlSupernet() {
    // ResNet18/V1 at width 4 on 1x16x16 synthetic images, one libtorch thread in both paths
    SupernetSpec spec = SupernetSpec.of(Backbone.RESNET18, NashVersion.V1, 4, 1, 16, 4);
    ModelSpec model =
        new ModelSpec(SupernetFactory.class.getName(), SupernetFactory.settings(spec, 1));
    DataSpec data =
        new DataSpec(
            DatasetSearchData.class.getName(),
            DatasetSearchData.spec(
                "synthetic?train=96&test=8&classes=4&channels=1&size=16&seed=3", 0, 0, 0.5),
            Map.of());
    SearchModel m = model.build();
    float[] weights = m.initialWeights(21);
    float[] flatAlpha = new float[m.alphaSize()];
    Random rnd = new Random(4);
    for (int i = 0; i < flatAlpha.length; i++) {
      flatAlpha[i] = (float) rnd.nextGaussian();
    }
    ArchWeights alpha = ArchWeights.fromFlat(Backbone.RESNET18, NashVersion.V1, flatAlpha);
    List<Candidate> cands = CandidateEnumerator.enumerate(alpha, 1, 2, 17);
    // a genotype the supernet cannot take (it is not of this backbone) becomes a failed row in both
    Candidate foreign =
        CandidateEnumerator.enumerate(
                ArchWeights.init(Backbone.RESNET34, NashVersion.V1, 1), 0, 0, 1)
            .get(0);
    List<Candidate> all = new ArrayList<>(cands);
    all.add(1, new Candidate("foreign", "test", foreign.genotype(), 0.0));
    EvalSettings es =
        EvalSettings.builder().bnBatches(1).batchSize(16).validSamples(48).seed(5).build();

    List<CandidateRow> local = inProcess(model, data, es, weights, all);
    List<CandidateRow> onSpark = spark("cands-djl", model, data, 2, all, weights, es);

    assertSameRows(local, onSpark);
    assertEquals(List.of("foreign"), failedIds(onSpark));
    for (CandidateRow row : onSpark) {
      if (row.ok()) {
        assertEquals(48, row.samples());
      }
    }
  }

  /** The Spark engine over {@code cands}, {@code perTask} candidates per task. */
  private List<CandidateRow> spark(
      String runId,
      ModelSpec model,
      DataSpec data,
      int perTask,
      List<Candidate> cands,
      float[] weights,
      EvalSettings es) {
    return new SparkCandidateEngine(spark(), runId, model, data, perTask)
        .evaluate(cands.stream().map(Candidate::request).toList(), weights, es);
  }

  /** The in-process evaluation: the local engine over the same candidates, in order. */
  private static List<CandidateRow> inProcess(
      ModelSpec model, DataSpec data, EvalSettings es, float[] weights, List<Candidate> cands) {
    return new LocalCandidateEngine(model.build(), data.open(), Placement.cpu(1))
        .evaluate(cands.stream().map(Candidate::request).toList(), weights, es);
  }

  /**
   * Every field but the wall time; doubles as {@link Double#toString}, which differs for any two
   * different doubles, so the comparison is bit for bit.
   */
  private static void assertSameRows(List<CandidateRow> expected, List<CandidateRow> actual) {
    assertEquals(expected.size(), actual.size(), "row count");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(fields(expected.get(i)), fields(actual.get(i)), "row " + i);
    }
  }

  /** Every field of a row but its wall time; doubles as text, so the comparison is bit for bit. */
  static List<Object> fields(CandidateRow r) {
    return List.of(
        r.id(),
        r.source(),
        r.genotype(),
        r.genotypeJson(),
        Double.toString(r.logProb()),
        r.status(),
        Double.toString(r.accuracy()),
        Double.toString(r.loss()),
        r.samples(),
        r.error());
  }

  private static List<String> failedIds(List<CandidateRow> rows) {
    return rows.stream().filter(x -> !x.ok()).map(CandidateRow::id).toList();
  }
}
