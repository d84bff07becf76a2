package io.nash.spark;

import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.api.ParamLayout;
import io.nash.search.api.SearchModel;
import io.nash.search.engine.GradientSum;
import io.nash.search.engine.PartitionTrainer;
import io.nash.search.engine.RoundEngine;
import io.nash.search.engine.RoundState;
import io.nash.transport.WeightPatch;
import io.nash.transport.WeightReplica;
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
 * {@value StateBroadcaster#FULL_EVERY_KEY}; outside local mode the newest delta is also pushed with
 * each task while tasks x delta bytes stay within {@value StateBroadcaster#INLINE_MAX_KEY}, default
 * {@value StateBroadcaster#DEFAULT_INLINE_MAX}; a pushed delta's broadcast, read only by executors
 * that missed a round, is then published in the background once the tasks are done), one {@link
 * TrainTask} per partition (an RDD of P {@link PartitionWork} elements; executors open the data
 * themselves and keep a {@link WeightReplica}), the task sums merged in partition order on the
 * driver ({@link OrderedMerge}; above {@value OrderedMerge#DRIVER_MAX} partitions executors first
 * sum fixed groups of consecutive partitions, in order). Sets the job description so the Spark UI
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
  private final JavaRDD<PartitionWork> work;
  private final List<PartitionWork> parts;
  private final long inlineMax;
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
   * The Spark setting {@value StateBroadcaster#INLINE_MAX_KEY} of {@code spark} in bytes, or its
   * default; a clear error for a malformed or negative size.
   */
  public static long inlineMax(SparkSession spark) {
    return parseInlineMax(
        spark
            .sparkContext()
            .conf()
            .get(StateBroadcaster.INLINE_MAX_KEY, StateBroadcaster.DEFAULT_INLINE_MAX));
  }

  /** A size such as {@code 64m} or {@code 0} in bytes; a clear error names the setting. */
  static long parseInlineMax(String v) {
    long b;
    try {
      b = org.apache.spark.network.util.JavaUtils.byteStringAsBytes(v.trim());
    } catch (RuntimeException e) { // NumberFormatException, or a bad unit suffix
      b = -1;
    }
    if (b < 0) {
      throw new IllegalArgumentException(
          StateBroadcaster.INLINE_MAX_KEY
              + " = '"
              + v
              + "': must be a size >= 0 such as 64m or 0 (0: deltas travel as broadcasts only)");
    }
    return b;
  }

  /** With the session's settings for full-state broadcasts and pushed deltas. */
  public SparkRoundEngine(
      SparkSession spark,
      String runId,
      ModelSpec model,
      DataSpec data,
      PartitionTrainer.Job job,
      String failOnce) {
    this(spark, runId, model, data, job, failOnce, fullEvery(spark), inlineMax(spark));
  }

  /**
   * @param fullEvery rounds between full-state broadcasts (1: every round, the plain scheme)
   * @param inlineMax most bytes of the newest delta pushed with the round's tasks, summed over the
   *     tasks (0: never; never in local mode, where tasks read the driver's broadcast in place)
   */
  public SparkRoundEngine(
      SparkSession spark,
      String runId,
      ModelSpec model,
      DataSpec data,
      PartitionTrainer.Job job,
      String failOnce,
      int fullEvery,
      long inlineMax) {
    this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.runId = runId;
    this.model = model;
    this.data = data;
    this.job = job;
    this.failOnce = failOnce;
    List<PartitionWork> ps = new ArrayList<>();
    for (int p = 0; p < job.partitions(); p++) {
      ps.add(new PartitionWork(p));
    }
    this.parts = List.copyOf(ps);
    this.work = jsc.parallelize(parts, job.partitions());
    // a pushed task must stay well inside one RPC message (spark.rpc.message.maxSize, MiB)
    long rpcMax = jsc.getConf().getLong("spark.rpc.message.maxSize", 128) << 20;
    this.inlineMax = jsc.isLocal() ? 0 : Math.min(inlineMax, rpcMax / 2 * job.partitions());
    ParamLayout layout;
    try (ExecutorCache.Lease<SearchModel> m = ExecutorCache.model(runId, model)) {
      layout = m.value().layout();
    }
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
    PatchChain chain = weights.next(state.weights(), this::pushes);
    RoundState small = state.withWeights(null);
    lastBroadcastBytes = weights.lastBytes() + small.payloadBytes();
    JavaRDD<PartitionWork> tasks = work;
    WeightPatch newest = weights.lastDelta();
    if (newest != null && pushes(newest.payloadBytes())) {
      // Push the newest delta with each task: an up-to-date executor then reads no broadcast.
      // A torrent read costs several driver round trips per 4 MB piece (160-310 ms for 6-11 MB
      // measured in local-cluster under load) while the task message arrives with its launch.
      List<PartitionWork> pushed = new ArrayList<>(parts.size());
      for (PartitionWork p : parts) {
        pushed.add(new PartitionWork(p.partition(), newest));
      }
      tasks = jsc.parallelize(pushed, job.partitions());
      lastBroadcastBytes += newest.payloadBytes() * job.partitions();
    }
    try {
      JavaRDD<GradientSum> sums =
          tasks.map(new TrainTask(small, chain, replicaKey, runId, model, data, job, failOnce));
      return OrderedMerge.merge(sums);
    } finally {
      jsc.setJobDescription(null);
      weights.publishPushed(); // the tasks have their delta: its broadcast for laggards now
    }
  }

  /** Whether a newest delta of {@code bytes} travels with each task (within the inline budget). */
  private boolean pushes(long bytes) {
    return bytes * job.partitions() <= inlineMax;
  }

  /**
   * The payload sent for the last round: its small state, weight delta and any base as broadcasts,
   * plus the delta once per task when it was pushed with the tasks.
   */
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
