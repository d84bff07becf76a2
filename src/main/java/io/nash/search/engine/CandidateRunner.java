package io.nash.search.engine;

import io.nash.search.api.Batch;
import io.nash.search.api.CandidateEvaluator;
import io.nash.search.api.EvalResult;
import io.nash.search.api.Placement;
import io.nash.search.api.SearchData;
import io.nash.space.Genotype;
import io.nash.space.Seeds;
import io.nash.space.SpaceJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates one candidate and always returns a row: an exception from the evaluator becomes a
 * {@code failed} row carrying the error, so one bad candidate never kills the stage. Shared by the
 * in-process and the Spark candidate stage. Stateless; the evaluator is locked during the call.
 */
final class CandidateRunner {
  private CandidateRunner() {}

  public static CandidateRow evaluate(
      CandidateEvaluator model,
      SearchData data,
      float[] weights,
      String id,
      String source,
      String genotypeJson,
      double logProb,
      EvalSettings s,
      Placement placement) {
    long t0 = System.nanoTime();
    String compact = genotypeJson;
    EvalResult r;
    String error;
    try {
      Genotype g = SpaceJson.parseGenotype(genotypeJson);
      compact = g.compact();
      List<Batch> bn = bnBatches(data, s);
      List<Batch> valid = validBatches(data, s);
      synchronized (model) {
        r = model.evaluate(weights, g, bn, valid, placement);
      }
      error = null;
    } catch (RuntimeException e) {
      r = null;
      error = e.toString();
    }
    boolean ok = error == null;
    return new CandidateRow(
        id,
        source,
        compact,
        genotypeJson,
        logProb,
        ok ? "ok" : "failed",
        ok ? r.accuracy() : Double.NaN,
        ok ? r.loss() : Double.NaN,
        ok ? r.samples() : 0,
        ok ? "" : error,
        (System.nanoTime() - t0) / 1_000_000);
  }

  static List<Batch> bnBatches(SearchData data, EvalSettings s) {
    List<Batch> out = new ArrayList<>();
    int n = data.size(SearchData.Split.TRAIN);
    for (int b = 0; b < s.bnBatches(); b++) {
      // one partition over the whole training split, seeded: the same batches for every candidate
      out.add(
          data.batch(
              SearchData.Split.TRAIN,
              BatchPlanner.indices(
                  Seeds.bnBatches(s.seed()), 0, n, 1, 0, Math.min(s.batchSize(), n), b)));
    }
    return out;
  }

  static List<Batch> validBatches(SearchData data, EvalSettings s) {
    int n = data.size(SearchData.Split.VALID);
    int limit = s.validSamples() == 0 ? n : Math.min(n, s.validSamples());
    List<Batch> out = new ArrayList<>();
    for (int start = 0; start < limit; start += s.batchSize()) {
      int[] idx = new int[Math.min(s.batchSize(), limit - start)];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = start + i;
      }
      out.add(data.batch(SearchData.Split.VALID, idx));
    }
    return out;
  }
}
