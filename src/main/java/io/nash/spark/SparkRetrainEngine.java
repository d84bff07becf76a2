package io.nash.spark;

import io.nash.store.StoreSpec;
import io.nash.train.LocalRetrainEngine;
import io.nash.train.RetrainEngine;
import io.nash.train.RetrainJob;
import io.nash.train.RetrainOutcome;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.SparkSession;

/**
 * The retraining stage on Spark (architecture.md, stage 3), the cluster {@link RetrainEngine}: one
 * partition, hence one task, per candidate, each training its quantized child network from scratch
 * on the executor that runs it and writing checkpoints, result, accuracy and QONNX model to the
 * store. Training tasks take the cores the session gives a task ({@code spark.task.cpus}, all of an
 * executor's cores on a cluster); in local mode tasks share the JVM and interleave their steps on
 * its autograd lock. A candidate that fails is a failed outcome and the others go on. Driver-side;
 * one job at a time.
 */
public final class SparkRetrainEngine implements RetrainEngine {
  private final SparkSession spark;
  private final StoreSpec store;

  public SparkRetrainEngine(SparkSession spark, StoreSpec store) {
    this.spark = spark;
    this.store = store;
  }

  /** Retrains every job, one Spark task each; outcomes in job order. */
  @Override
  public List<RetrainOutcome> run(List<RetrainJob> jobs) {
    if (jobs.isEmpty()) {
      return List.of();
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.setJobDescription(
        "nash retrain " + jobs.get(0).runId() + ": " + jobs.size() + " child networks");
    try {
      return jsc.parallelize(jobs, jobs.size()).mapPartitions(new RetrainTask(store)).collect();
    } finally {
      jsc.setJobDescription(null);
    }
  }

  /**
   * Executor function: retrains its partition's candidates through a {@link LocalRetrainEngine}
   * (which opens the store). Final fields.
   */
  static final class RetrainTask implements FlatMapFunction<Iterator<RetrainJob>, RetrainOutcome> {
    private static final long serialVersionUID = 1L;
    private final StoreSpec store;

    RetrainTask(StoreSpec store) {
      this.store = store;
    }

    @Override
    public Iterator<RetrainOutcome> call(Iterator<RetrainJob> jobs) {
      List<RetrainJob> batch = new ArrayList<>();
      jobs.forEachRemaining(batch::add);
      return new LocalRetrainEngine(store).run(batch).iterator();
    }
  }
}
