package io.nash.spark;

import static io.nash.testutil.SearchFixtures.DATA;
import static io.nash.testutil.SearchFixtures.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.search.Candidate;
import io.nash.search.CandidateEnumerator;
import io.nash.search.api.ModelSpec;
import io.nash.search.dist.CandidateRow;
import io.nash.search.dist.EvalSettings;
import io.nash.search.dist.SearchDriver;
import io.nash.search.dist.SearchSettings;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The candidate stage after a short search: one row per candidate, failures become rows. */
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
        SparkCandidateStage.evaluate(
            spark(),
            "cands",
            failing,
            DATA,
            new EvalSettings(2, 32, 128, 5),
            r.state().weights(),
            cands,
            2);

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
            () -> SparkCandidateStage.write(spark(), dying, "cands", rows));
      } finally {
        CommitFaults.disarm();
      }
      assertFalse(UnitCommitter.isCommitted(store, RunLayout.candidatesTable("cands")));
      assertTrue(RunLayout.candidatesJson(store, "cands").isEmpty());
      assertTrue(SparkCandidateStage.parquetUri(store, "cands").isEmpty());
      assertEquals(List.of(), store.list("runs/cands"), "nothing visible, staging removed");
      assertEquals(
          UnitCommitter.Outcome.COMMITTED,
          SparkCandidateStage.write(spark(), store, "cands", rows));
      JsonNode json =
          new ObjectMapper()
              .readTree(
                  Files.readString(dir.resolve("runs/cands/candidates-table/candidates.json")));
      assertEquals(rows.size(), json.size());
      assertTrue(json.get(2).get("accuracy").isNull());
      assertEquals("failed", json.get(2).get("status").asText());
      String parquet = SparkCandidateStage.parquetUri(store, "cands").orElseThrow();
      assertEquals(rows.size(), spark().read().parquet(parquet).count());
      assertEquals(List.of("candidates-table"), store.list("runs/cands"), "no staging left");
    }
  }
}
