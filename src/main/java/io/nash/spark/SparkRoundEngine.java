package io.nash.spark;

import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.dist.GradientSum;
import io.nash.search.dist.PartitionTrainer;
import io.nash.search.dist.RoundEngine;
import io.nash.search.dist.RoundState;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a round as one Spark job: broadcast the {@link RoundState}, one {@link TrainTask} per
 * partition (an RDD of P tiny {@link PartitionWork} elements; executors open the data themselves),
 * {@code treeAggregate} of the task sums. Sets the job description so the Spark UI shows the round.
 * Driver-side; not thread-safe.
 */
public final class SparkRoundEngine implements RoundEngine {
  private final JavaSparkContext jsc;
  private final String runId;
  private final ModelSpec model;
  private final DataSpec data;
  private final PartitionTrainer.Job job;
  private final String failOnce;
  private final int depth;
  private final JavaRDD<PartitionWork> work;

  public SparkRoundEngine(
      SparkSession spark,
      String runId,
      ModelSpec model,
      DataSpec data,
      PartitionTrainer.Job job,
      String failOnce) {
    this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.runId = runId;
    this.model = model;
    this.data = data;
    this.job = job;
    this.failOnce = failOnce;
    // depth 2 merges partial sums on executors once P outgrows a few dozen partitions
    this.depth = 2;
    List<PartitionWork> parts = new ArrayList<>();
    for (int p = 0; p < job.partitions(); p++) {
      parts.add(new PartitionWork(p));
    }
    this.work = jsc.parallelize(parts, job.partitions());
  }

  @Override
  public GradientSum run(RoundState state, int totalRounds) {
    jsc.setJobDescription(
        String.format(
            "nash search %s round %d/%d: %d partitions x %d local steps",
            runId, state.round() + 1, totalRounds, job.partitions(), job.localSteps()));
    Broadcast<RoundState> bc = jsc.broadcast(state);
    try {
      return work.map(new TrainTask(bc, runId, model, data, job, failOnce))
          .treeAggregate(new GradientSum(), new MergeSums(), new MergeSums(), depth);
    } finally {
      bc.destroy();
      jsc.setJobDescription(null);
    }
  }

  @Override
  public int slots() {
    int cpus = jsc.sc().conf().getInt("spark.task.cpus", 1);
    return Math.max(1, jsc.sc().defaultParallelism() / cpus);
  }
}
