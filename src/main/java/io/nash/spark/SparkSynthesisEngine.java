package io.nash.spark;

import io.nash.store.StoreSpec;
import io.nash.synth.SynthesisEngine;
import io.nash.synth.SynthesisJob;
import io.nash.synth.SynthesisOutcome;
import io.nash.synth.SynthesisSettings;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;
import org.apache.spark.sql.SparkSession;

/**
 * The synthesis stage on Spark: one partition, hence one task, per (candidate, device) job, each
 * running {@link SynthesisTask}. Synthesis has no autograd, so where Spark supports a task-only
 * resource profile (standalone, YARN, Kubernetes with dynamic allocation off) the stage asks for
 * one CPU per task and several tasks share an executor even when the session gives training tasks
 * whole executors ({@code spark.task.cpus} = executor cores). In local mode Spark has no such
 * profiles; there a session made for synthesis should set {@code spark.task.cpus=1} (the CLI does).
 * Driver-side; not thread-safe (one job at a time per instance).
 */
public final class SparkSynthesisEngine implements SynthesisEngine {
  private final SparkSession spark;
  private final StoreSpec store;
  private int launchedTasks;

  public SparkSynthesisEngine(SparkSession spark, StoreSpec store) {
    this.spark = spark;
    this.store = store;
  }

  @Override
  public List<SynthesisOutcome> run(List<SynthesisJob> jobs, SynthesisSettings settings) {
    launchedTasks = 0;
    if (jobs.isEmpty()) {
      return List.of();
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.setJobDescription(
        "nash synthesize "
            + jobs.get(0).runId()
            + ": "
            + jobs.size()
            + " (candidate, device) tasks");
    try {
      JavaRDD<SynthesisJob> rdd = jsc.parallelize(jobs, jobs.size());
      if (singleCpuProfile(
          spark.sparkContext().master(),
          spark.conf().get("spark.dynamicAllocation.enabled", "false"),
          spark.conf().get("spark.task.cpus", "1"))) {
        rdd =
            rdd.withResources(
                new ResourceProfileBuilder().require(new TaskResourceRequests().cpus(1)).build());
      }
      List<SynthesisOutcome> out =
          rdd.mapPartitions(new SynthesisTask(store, settings.asMap())).collect();
      launchedTasks = rdd.getNumPartitions();
      return out;
    } finally {
      jsc.setJobDescription(null);
    }
  }

  /** Tasks launched by the last {@link #run} (one per job; 0 when there was nothing to do). */
  public int launchedTasks() {
    return launchedTasks;
  }

  /**
   * True when a one-CPU task profile is both useful (tasks get more than one CPU by default) and
   * supported (not local mode, dynamic allocation off).
   */
  static boolean singleCpuProfile(String master, String dynamicAllocation, String taskCpus) {
    int cpus;
    try {
      cpus = Integer.parseInt(taskCpus.trim());
    } catch (NumberFormatException e) {
      return false;
    }
    return cpus > 1 && !master.startsWith("local") && !Boolean.parseBoolean(dynamicAllocation);
  }
}
