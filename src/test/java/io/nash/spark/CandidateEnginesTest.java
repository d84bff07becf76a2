package io.nash.spark;

import static io.nash.testutil.SearchFixtures.DATA;
import static io.nash.testutil.SearchFixtures.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.search.Candidate;
import io.nash.search.CandidateEnumerator;
import io.nash.search.api.ModelSpec;
import io.nash.search.engine.CandidateEngine;
import io.nash.search.engine.CandidateRequest;
import io.nash.search.engine.CandidateRow;
import io.nash.search.engine.EvalSettings;
import io.nash.search.engine.LocalCandidateEngine;
import io.nash.search.engine.SearchDriver;
import io.nash.space.ArchWeights;
import io.nash.space.Backbone;
import io.nash.space.NashVersion;
import io.nash.testutil.SearchFixtures;
import io.nash.testutil.SparkTestBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two candidate engines on the toy supernet: the Spark engine returns exactly the rows of the
 * in-process one (same order, bit-equal accuracies and losses, the same failures), whatever the
 * batching into tasks.
 */
class CandidateEnginesTest extends SparkTestBase {

  @Test
  void sparkEngineReturnsTheRowsOfTheLocalEngine() {
    SearchDriver.Result r =
        SearchFixtures.runLocal(SearchFixtures.settings("engines", 2, 2, 1), MODEL);
    ArchWeights alpha = ArchWeights.fromFlat(Backbone.RESNET18, NashVersion.V4, r.state().alpha());
    List<Candidate> cands = CandidateEnumerator.enumerate(alpha, 3, 4, 11);
    // two failures: the model throws for one genotype, another request's JSON does not parse
    Map<String, String> settings = new HashMap<>(MODEL.settings());
    settings.put("fail-genotype", cands.get(2).genotype().compact());
    ModelSpec failing = new ModelSpec(MODEL.factoryClass(), settings);
    List<CandidateRequest> requests =
        new ArrayList<>(cands.stream().map(Candidate::request).toList());
    requests.add(1, new CandidateRequest("broken", "test", "{\"backbone\":\"resnet18\"}", -1.0));
    EvalSettings es =
        EvalSettings.builder().bnBatches(2).batchSize(32).validSamples(128).seed(5).build();
    float[] weights = r.state().weights();

    List<CandidateRow> local =
        new LocalCandidateEngine(failing.build(), DATA.open()).evaluate(requests, weights, es);
    assertEquals(
        requests.stream().map(CandidateRequest::id).toList(),
        local.stream().map(CandidateRow::id).toList());
    assertEquals(
        List.of("broken", cands.get(2).id()),
        local.stream().filter(x -> !x.ok()).map(CandidateRow::id).toList());
    assertTrue(local.get(3).error().contains("injected evaluation failure"), local.get(3).error());
    // the comparison below is not between constant rows: the candidates score differently
    assertTrue(
        local.stream().filter(CandidateRow::ok).map(CandidateRow::loss).distinct().count() > 1,
        local.toString());

    for (int perTask : new int[] {1, 3}) {
      CandidateEngine spark = new SparkCandidateEngine(spark(), "engines", failing, DATA, perTask);
      List<CandidateRow> remote = spark.evaluate(requests, weights, es);
      assertEquals(local.size(), remote.size());
      for (int i = 0; i < local.size(); i++) {
        // equal rows but for the time taken; record equality compares doubles bit for bit
        assertEquals(timeless(local.get(i)), timeless(remote.get(i)), "row " + i);
        assertEquals(
            Double.doubleToRawLongBits(local.get(i).accuracy()),
            Double.doubleToRawLongBits(remote.get(i).accuracy()),
            "accuracy of row " + i);
      }
    }
  }

  @Test
  void noCandidatesNoJobAndABadBatchSizeIsRefused() {
    CandidateEngine spark = new SparkCandidateEngine(spark(), "engines", MODEL, DATA, 2);
    assertEquals(
        List.of(),
        spark.evaluate(
            List.of(),
            new float[0],
            EvalSettings.builder().bnBatches(0).batchSize(1).validSamples(0).seed(1).build()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SparkCandidateEngine(spark(), "engines", MODEL, DATA, 0));
    assertEquals("nash.candidates.per-task = 0: must be >= 1", e.getMessage());
  }

  private static CandidateRow timeless(CandidateRow r) {
    return new CandidateRow(
        r.id(),
        r.source(),
        r.genotype(),
        r.genotypeJson(),
        r.logProb(),
        r.status(),
        r.accuracy(),
        r.loss(),
        r.samples(),
        r.error(),
        0);
  }
}
