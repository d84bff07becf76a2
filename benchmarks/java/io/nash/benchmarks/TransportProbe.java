package io.nash.benchmarks;

import io.nash.spark.SparkSessions;

import io.nash.spark.SparkRoundEngine;

import io.nash.spark.PartitionWork;

import io.nash.spark.OrderedMerge;

import io.nash.transport.WeightPatch;

import io.nash.search.api.ParamLayout;
import io.nash.search.engine.GradientSum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

/**
 * Spark's own cost of a round's data movement, without any model: a job of one task per partition,
 * each launched with a pushed weight delta of a given size (as {@link SparkRoundEngine} pushes the
 * newest delta) and returning a {@link GradientSum} of a given size, merged as a round merges
 * ({@link OrderedMerge}). Its wall time is the floor under a training round's overhead on the
 * cluster at hand (task serialization and launch, RPC both ways, result deserialization and merge);
 * {@link RoundBenchmark} prints it next to the rounds. Driver-side utility.
 */
public final class TransportProbe {
  private TransportProbe() {}

  /**
   * Wall milliseconds of {@code jobs} jobs of {@code partitions} tasks, each task carrying {@code
   * inFloats} floats and returning {@code outFloats}.
   */
  public static double[] run(
      JavaSparkContext jsc, int partitions, int inFloats, int outFloats, int jobs) {
    if (partitions < 1 || inFloats < 1 || outFloats < 1 || jobs < 1) {
      throw new IllegalArgumentException(
          "transport probe: partitions, payload and result sizes and jobs must all be >= 1");
    }
    // a delta of the payload tensor; the unchanged second tensor keeps it a delta, not a full state
    ParamLayout layout = new ParamLayout(List.of("payload", "unchanged"), new int[] {inFloats, 1});
    float[] after = new float[inFloats + 1];
    Arrays.fill(after, 0, inFloats, 1f);
    WeightPatch delta = WeightPatch.diff(1, new float[inFloats + 1], after, layout);
    List<PartitionWork> parts = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      parts.add(new PartitionWork(p, delta));
    }
    double[] ms = new double[jobs];
    for (int j = 0; j < jobs; j++) {
      jsc.setJobDescription("nash transport probe " + (j + 1) + "/" + jobs);
      long t0 = System.nanoTime();
      GradientSum sum =
          OrderedMerge.merge(jsc.parallelize(parts, partitions).map(new Echo(outFloats)));
      ms[j] = (System.nanoTime() - t0) / 1e6;
      if (sum.tasks() != partitions) {
        throw new IllegalStateException(
            "transport probe merged " + sum.tasks() + " results of " + partitions + " tasks");
      }
    }
    jsc.setJobDescription(null);
    return ms;
  }

  /**
   * {@code TransportProbe MASTER PARTITIONS MB JOBS [spark.key=value ...]}: prints the wall ms of
   * JOBS probe jobs moving MB megabytes per task each way, one per line.
   */
  public static void main(String[] args) {
    if (args.length < 4) {
      throw new IllegalArgumentException(
          "usage: TransportProbe MASTER PARTITIONS MB JOBS [spark.key=value ...]");
    }
    java.util.Map<String, String> conf = new java.util.HashMap<>();
    for (int i = 4; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException(
            "'" + args[i] + "': Spark settings are given as spark.key=value");
      }
      conf.put(kv[0], kv[1]);
    }
    conf.putIfAbsent("spark.ui.enabled", "false");
    org.apache.spark.sql.SparkSession spark =
        SparkSessions.create(args[0], "nash-transport-probe", conf);
    try {
      int floats = (int) (Double.parseDouble(args[2]) * 1e6 / 4);
      for (double ms :
          run(
              JavaSparkContext.fromSparkContext(spark.sparkContext()),
              Integer.parseInt(args[1]),
              floats,
              floats,
              Integer.parseInt(args[3]))) {
        System.out.printf(java.util.Locale.ROOT, "%.1f%n", ms);
      }
    } finally {
      spark.stop();
    }
  }

  /** Reads the pushed delta's size and returns a sum of {@code outFloats} floats. */
  static final class Echo implements Function<PartitionWork, GradientSum> {
    private static final long serialVersionUID = 1L;
    private final int outFloats;

    Echo(int outFloats) {
      this.outFloats = outFloats;
    }

    @Override
    public GradientSum call(PartitionWork w) {
      long[] counters = new long[GradientSum.COUNTERS];
      counters[2] = w.newest().payloadBytes() > 0 ? 1 : 0; // one train sample: the payload arrived
      counters[4] = 1; // one task
      return GradientSum.restore(
          Map.of(0, new float[outFloats]), new float[1], new double[2], counters);
    }
  }
}
