package io.nash.spark;

import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.api.ParamLayout;
import io.nash.search.dist.GradientSum;
import io.nash.search.dist.PartitionTrainer;
import io.nash.search.dist.RoundEngine;
import io.nash.search.dist.RoundState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a round as one Spark job: the round's small state (alpha, seeds, rates) in the task closure
 * and its weights as a {@link StateBroadcaster} version (a delta of the tensors that changed, a
 * full base every {@value StateBroadcaster#DEFAULT_FULL_EVERY} rounds by default, Spark setting
 * {@value StateBroadcaster#FULL_EVERY_KEY}), one {@link TrainTask} per partition (an RDD of P tiny
 * {@link PartitionWork} elements; executors open the data themselves and keep a {@link
 * WeightReplica}), {@code treeAggregate} of the task sums. Sets the job description so the Spark UI
 * shows the round. Driver-side; not thread-safe.
 */
public final class SparkRoundEngine implements RoundEngine {
  private static final AtomicLong ENGINES = new AtomicLong(); // numbers the lineages of this JVM
  private final JavaSparkContext jsc;
  private final String runId;
  private final ModelSpec model;
  private final DataSpec data;
  private final PartitionTrainer.Job job;
  private final String failOnce;
  private final int depth;
  private final JavaRDD<PartitionWork> work;
  private final StateBroadcaster weights;
  private final String replicaKey;
  private long lastBroadcastBytes;

  /**
   * The Spark setting {@value StateBroadcaster#FULL_EVERY_KEY} of {@code spark}, or its default.
   */
  public static int fullEvery(SparkSession spark) {
    return spark
        .sparkContext()
        .conf()
        .getInt(StateBroadcaster.FULL_EVERY_KEY, StateBroadcaster.DEFAULT_FULL_EVERY);
  }

  /**
   * @param fullEvery rounds between full-state broadcasts (1: every round, the plain scheme)
   */
  public SparkRoundEngine(
      SparkSession spark,
      String runId,
      ModelSpec model,
      DataSpec data,
      PartitionTrainer.Job job,
      String failOnce,
      int fullEvery) {
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
    ParamLayout layout = TrainTask.cachedModel(runId, model).layout();
    this.replicaKey = runId + "|" + layout.total() + "|" + layout.fingerprint();
    // unique per engine in this driver JVM and across applications: replicas never mix lineages
    String lineage = jsc.sc().applicationId() + "#" + ENGINES.incrementAndGet() + "#" + runId;
    this.weights = new StateBroadcaster(jsc, layout, lineage, fullEvery);
  }

  @Override
  public GradientSum run(RoundState state, int totalRounds) {
    jsc.setJobDescription(
        String.format(
            "nash search %s round %d/%d: %d partitions x %d local steps",
            runId, state.round() + 1, totalRounds, job.partitions(), job.localSteps()));
    PatchChain chain = weights.next(state.weights());
    RoundState small = state.withWeights(null);
    lastBroadcastBytes = weights.lastBytes() + small.payloadBytes();
    try {
      return work.map(new TrainTask(small, chain, replicaKey, runId, model, data, job, failOnce))
          .treeAggregate(new GradientSum(), new MergeSums(), new MergeSums(), depth);
    } finally {
      jsc.setJobDescription(null);
    }
  }

  /** The payload broadcast for the last round: its small state, weight delta and any base. */
  @Override
  public long broadcastBytes(RoundState state) {
    return lastBroadcastBytes;
  }

  @Override
  public void close() {
    weights.close();
  }

  @Override
  public int slots() {
    int cpus = jsc.sc().conf().getInt("spark.task.cpus", 1);
    return Math.max(1, jsc.sc().defaultParallelism() / cpus);
  }
}
