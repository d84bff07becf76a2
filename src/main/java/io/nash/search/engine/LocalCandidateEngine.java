package io.nash.search.engine;

import io.nash.search.api.Placement;
import io.nash.search.api.SearchData;
import io.nash.search.api.SearchModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-process candidate engine: evaluates the candidates one after another on one model through
 * {@link CandidateRunner}. The reference for tests and small runs, and the loop a Spark evaluation
 * task runs over its batch. Thread-safe as far as the model is ({@link CandidateRunner} locks it).
 */
public final class LocalCandidateEngine implements CandidateEngine {
  private final SearchModel model;
  private final SearchData data;
  private final Placement placement;

  /** Evaluates on the CPU with one intra-op thread ({@code Placement.cpu(1)}). */
  public LocalCandidateEngine(SearchModel model, SearchData data) {
    this(model, data, Placement.cpu(1));
  }

  /** Evaluates on {@code placement} (a Spark task passes the device it was assigned). */
  public LocalCandidateEngine(SearchModel model, SearchData data, Placement placement) {
    this.model = model;
    this.data = data;
    this.placement = placement;
  }

  @Override
  public List<CandidateRow> evaluate(
      List<CandidateRequest> candidates, float[] weights, EvalSettings settings) {
    List<CandidateRow> rows = new ArrayList<>(candidates.size());
    for (CandidateRequest c : candidates) {
      rows.add(
          CandidateRunner.evaluate(
              model,
              data,
              weights,
              c.id(),
              c.source(),
              c.genotypeJson(),
              c.logProb(),
              settings,
              placement));
    }
    return rows;
  }
}
