package io.nash.spark;

import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.api.SearchData;
import io.nash.search.api.SearchModel;
import io.nash.search.engine.CandidateRequest;
import io.nash.search.engine.CandidateRow;
import io.nash.search.engine.EvalSettings;
import io.nash.search.engine.LocalCandidateEngine;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * Executor function of the candidate stage: evaluates the candidates of its partition (a batch of
 * candidates) through a {@link LocalCandidateEngine} on the cached model, the broadcast supernet
 * weights and the task's placement; a failing candidate yields a failed row and the task goes on.
 * Final fields only.
 */
final class EvalTask implements FlatMapFunction<Iterator<CandidateRequest>, CandidateRow> {
  private static final long serialVersionUID = 1L;
  private final Broadcast<float[]> weights;
  private final String runId;
  private final ModelSpec model;
  private final DataSpec data;
  private final EvalSettings settings;

  public EvalTask(
      Broadcast<float[]> weights,
      String runId,
      ModelSpec model,
      DataSpec data,
      EvalSettings settings) {
    this.weights = weights;
    this.runId = runId;
    this.model = model;
    this.data = data;
    this.settings = settings;
  }

  @Override
  public Iterator<CandidateRow> call(Iterator<CandidateRequest> it) {
    List<CandidateRequest> batch = new ArrayList<>();
    it.forEachRemaining(batch::add);
    if (batch.isEmpty()) {
      return List.<CandidateRow>of().iterator();
    }
    try (ExecutorCache.Lease<SearchModel> m = ExecutorCache.model(runId, model);
        ExecutorCache.Lease<SearchData> d = ExecutorCache.data(data)) {
      return new LocalCandidateEngine(m.value(), d.value(), DevicePlacement.ofCurrentTask())
          .evaluate(batch, weights.value(), settings)
          .iterator();
    }
  }
}
