package io.nash.search.engine;

import java.util.List;

/**
 * Evaluates candidates one-shot with given supernet weights. Two implementations return the same
 * rows: {@link LocalCandidateEngine} (in process, for tests and small runs) and {@code
 * io.nash.spark.SparkCandidateEngine} (the weights broadcast once, one Spark task per batch of
 * candidates).
 */
public interface CandidateEngine {
  /**
   * Evaluates every candidate with {@code weights} (the supernet's flat weights); the rows are in
   * candidate order. A failing candidate is a {@code failed} row, not a throw.
   */
  List<CandidateRow> evaluate(
      List<CandidateRequest> candidates, float[] weights, EvalSettings settings);
}
