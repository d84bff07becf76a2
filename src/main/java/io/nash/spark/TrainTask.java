package io.nash.spark;

import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.api.SearchData;
import io.nash.search.api.SearchModel;
import io.nash.search.engine.GradientSum;
import io.nash.search.engine.PartitionTrainer;
import io.nash.search.engine.RoundState;
import io.nash.transport.WeightReplica;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * Executor function of a training round: takes the model and data from the per-JVM cache, carries
 * the round's small state (alpha, seeds, rates: a few KB, so it rides in the task closure, which
 * Spark broadcasts once per stage anyway, instead of a broadcast of its own), brings the JVM's
 * {@link WeightReplica} to the round's weights (usually one small delta), runs the partition's
 * local steps and returns its {@link GradientSum}. Final fields only; never captures a driver
 * object. {@code failOnce} ("round:partition", test-only) makes that task throw on its first
 * attempt, to prove retries recompute the same result.
 */
final class TrainTask implements Function<PartitionWork, GradientSum> {
  private static final long serialVersionUID = 1L;
  private final RoundState small;
  private final PatchChain weights;
  private final String replicaKey;
  private final String runId;
  private final ModelSpec model;
  private final DataSpec data;
  private final PartitionTrainer.Job job;
  private final String failOnce;

  public TrainTask(
      RoundState small,
      PatchChain weights,
      String replicaKey,
      String runId,
      ModelSpec model,
      DataSpec data,
      PartitionTrainer.Job job,
      String failOnce) {
    if (small.weights() != null) {
      throw new IllegalArgumentException(
          "a training task carries the small round state; weights travel as patches");
    }
    this.small = small;
    this.weights = weights;
    this.replicaKey = replicaKey;
    this.runId = runId;
    this.model = model;
    this.data = data;
    this.job = job;
    this.failOnce = failOnce;
  }

  @Override
  public GradientSum call(PartitionWork w) {
    long t0 = System.nanoTime();
    TaskContext tc = TaskContext.get();
    if (!failOnce.isEmpty()
        && failOnce.equals(small.round() + ":" + w.partition())
        && tc != null
        && tc.attemptNumber() == 0) {
      throw new IllegalStateException(
          "failOnce (SearchSettings, test-only): injected failure in round "
              + small.round()
              + " partition "
              + w.partition()
              + " (first attempt)");
    }
    try (ExecutorCache.Lease<SearchModel> m = ExecutorCache.model(runId, model);
        ExecutorCache.Lease<SearchData> d = ExecutorCache.data(data)) {
      RoundState rs =
          small.withWeights(
              ExecutorCache.get("weights|" + replicaKey, WeightReplica.class, WeightReplica::new)
                  .sync(weights.withNewest(w.newest())));
      return PartitionTrainer.train(
              job, m.value(), d.value(), rs, w.partition(), DevicePlacement.ofCurrentTask())
          .withTaskNanos(System.nanoTime() - t0);
    }
  }
}
