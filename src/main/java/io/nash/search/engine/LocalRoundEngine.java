package io.nash.search.engine;

import io.nash.search.api.Placement;
import io.nash.search.api.SearchData;
import io.nash.search.api.SearchModel;

/**
 * The in-process round engine: runs the partitions one after another on one model. The reference
 * for tests and small runs. Not thread-safe.
 */
public final class LocalRoundEngine implements RoundEngine {
  private final PartitionTrainer.Job job;
  private final SearchModel model;
  private final SearchData data;

  public LocalRoundEngine(PartitionTrainer.Job job, SearchModel model, SearchData data) {
    this.job = job;
    this.model = model;
    this.data = data;
  }

  @Override
  public GradientSum run(RoundState state, int totalRounds) {
    GradientSum sum = new GradientSum();
    for (int p = 0; p < job.partitions(); p++) {
      sum.merge(PartitionTrainer.train(job, model, data, state, p, Placement.cpu(1)));
    }
    return sum;
  }

  @Override
  public int slots() {
    return 1;
  }
}
