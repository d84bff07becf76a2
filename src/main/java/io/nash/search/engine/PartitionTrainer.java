package io.nash.search.engine;

import io.nash.search.api.Batch;
import io.nash.search.api.Placement;
import io.nash.search.api.SearchData;
import io.nash.search.api.SearchModel;
import io.nash.search.api.StepRequest;
import io.nash.search.api.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * One partition's share of a round, the same code for the in-process and the Spark engine: plans
 * the partition's batches, builds the {@link StepRequest}, runs the model (locked: one step at a
 * time per model instance, since DJL's autograd is process-wide) and turns the result into a {@link
 * GradientSum}. Stateless; thread-safe as long as each model is used through it.
 */
public final class PartitionTrainer {
  private PartitionTrainer() {}

  /** The fixed per-run facts a task needs besides the broadcast state. */
  public record Job(long runSeed, int partitions, int localSteps, int batchSize)
      implements java.io.Serializable {
    public Job {
      if (partitions < 1 || localSteps < 1 || batchSize < 1) {
        throw new IllegalArgumentException(
            "job partitions = "
                + partitions
                + ", local-steps = "
                + localSteps
                + ", batch-size = "
                + batchSize
                + ": must all be >= 1");
      }
    }
  }

  /** The request partition {@code p} makes of its model in round {@code state.round()}. */
  public static StepRequest request(
      Job job, SearchData data, RoundState state, int p, Placement placement) {
    List<Batch> valid = new ArrayList<>(job.localSteps());
    List<Batch> train = new ArrayList<>(job.localSteps());
    for (int s = 0; s < job.localSteps(); s++) {
      long step = (long) state.round() * job.localSteps() + s;
      if (state.archSteps()) {
        valid.add(batch(job, data, SearchData.Split.VALID, p, step));
      }
      train.add(batch(job, data, SearchData.Split.TRAIN, p, step));
    }
    long[] seeds = state.pathSeeds();
    if (seeds.length != job.partitions()) {
      throw new IllegalStateException(
          "round state has "
              + seeds.length
              + " path seeds for "
              + job.partitions()
              + " partitions");
    }
    return new StepRequest(
        state.weights(),
        state.alpha(),
        job.localSteps(),
        valid,
        train,
        seeds[p],
        state.localWeightLr(),
        state.localAlphaLr(),
        placement);
  }

  /** Runs partition {@code p} of a round on {@code model}. */
  public static GradientSum train(
      Job job, SearchModel model, SearchData data, RoundState state, int p, Placement placement) {
    StepRequest req = request(job, data, state, p, placement);
    long t0 = System.nanoTime();
    StepResult r;
    synchronized (model) {
      r = model.runSteps(req);
    }
    return GradientSum.of(r, System.nanoTime() - t0);
  }

  private static Batch batch(Job job, SearchData data, SearchData.Split split, int p, long step) {
    int[] idx =
        BatchPlanner.indices(
            job.runSeed(),
            split.ordinal(),
            data.size(split),
            job.partitions(),
            p,
            job.batchSize(),
            step);
    return data.batch(split, idx);
  }
}
