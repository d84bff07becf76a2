package io.nash.spark;

import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.api.SearchData;
import io.nash.search.api.SearchModel;
import io.nash.search.dist.CandidateRow;
import io.nash.search.dist.CandidateRunner;
import io.nash.search.dist.EvalSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * Executor function of the candidate stage: evaluates each candidate of its partition (a batch of
 * candidates) with the cached model and the broadcast supernet weights; a failing candidate yields
 * a failed row and the task goes on. Final fields only.
 */
public final class EvalTask implements FlatMapFunction<Iterator<CandidateTask>, CandidateRow> {
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
  public Iterator<CandidateRow> call(Iterator<CandidateTask> it) {
    List<CandidateRow> rows = new ArrayList<>();
    if (!it.hasNext()) {
      return rows.iterator();
    }
    float[] w = weights.value();
    try (ExecutorCache.Lease<SearchModel> m = TrainTask.cachedModel(runId, model);
        ExecutorCache.Lease<SearchData> d = TrainTask.cachedData(data)) {
      while (it.hasNext()) {
        CandidateTask c = it.next();
        rows.add(
            CandidateRunner.evaluate(
                m.value(),
                d.value(),
                w,
                c.id(),
                c.source(),
                c.genotypeJson(),
                c.logProb(),
                settings,
                DevicePlacement.ofCurrentTask()));
      }
    }
    return rows.iterator();
  }
}
