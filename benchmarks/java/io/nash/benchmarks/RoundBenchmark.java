package io.nash.benchmarks;


import io.nash.spark.SparkSessions;

import io.nash.spark.SparkSearch;

import io.nash.spark.ExecutorCache;

import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.api.SearchModel;
import io.nash.search.engine.RoundStats;
import io.nash.search.engine.SearchSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Measures the cost of distributed rounds and prints one JSON line per round: task compute time,
 * driver aggregate-and-apply time, broadcast and result payload bytes and the Spark overhead share
 * {@code 1 - (task compute / parallel slots) / round wall}, with where the rest went: the tasks'
 * whole function time (compute plus weight sync and batch assembly) and, from Spark's task metrics
 * ({@link JobTimeline}), scheduling, task deserialization, result serialization and fetch, GC and
 * the job's tail. The model and data are plug-ins named by class ({@code --model}, {@code --data}),
 * so the same benchmark runs the DJL supernet. Usage: {@code RoundBenchmark --master local[2]
 * --model CLASS --model-set width=16 --data CLASS --data-spec SPEC --partitions 2 --local-steps 1
 * --batch 64 --rounds 6 --warmup 1 --floor 3}. After the rounds, {@code --floor N} (default 3; 0 =
 * off) runs N model-free jobs moving the last round's bytes per task ({@link TransportProbe}) and
 * prints their wall times as one more JSON line, the floor under the rounds' overhead here.
 */
public final class RoundBenchmark {
  private RoundBenchmark() {}

  public static void main(String[] args) {
    Map<String, String> a = new HashMap<>();
    Map<String, String> modelSettings = new HashMap<>();
    Map<String, String> sparkConf = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      String k = args[i].replaceFirst("^--", "");
      String v = args[i + 1];
      if (k.equals("model-set") || k.equals("conf")) {
        String[] kv = v.split("=", 2);
        (k.equals("conf") ? sparkConf : modelSettings).put(kv[0], kv[1]);
      } else {
        a.put(k, v);
      }
    }
    String master = a.getOrDefault("master", SparkSessions.DEFAULT_MASTER);
    int localSteps = Integer.parseInt(a.getOrDefault("local-steps", "1"));
    int warmup = Integer.parseInt(a.getOrDefault("warmup", "1"));
    SearchSettings s =
        SearchSettings.builder("bench")
            .seed(2)
            .rounds(Integer.parseInt(a.getOrDefault("rounds", "6")))
            .partitions(Integer.parseInt(a.getOrDefault("partitions", "2")))
            .localSteps(localSteps)
            .batchSize(Integer.parseInt(a.getOrDefault("batch", "64")))
            .checkpointEvery(0)
            .build();
    ModelSpec model = new ModelSpec(required(a, "model"), modelSettings);
    DataSpec data = new DataSpec(required(a, "data"), required(a, "data-spec"), Map.of());
    sparkConf.putIfAbsent("spark.ui.enabled", "false");
    SparkSession spark = SparkSessions.create(master, "nash-round-benchmark", sparkConf);
    JobTimeline timeline = new JobTimeline();
    spark.sparkContext().addSparkListener(timeline);
    int floorJobs = Integer.parseInt(a.getOrDefault("floor", "3"));
    int prewarm = Integer.parseInt(a.getOrDefault("prewarm", "0"));
    RoundStats[] last = new RoundStats[1];
    List<Double> shares = new java.util.ArrayList<>();
    try {
      if (prewarm > 0) {
        prewarm(spark, s.runId(), s.partitions(), model, prewarm);
        timeline.take();
      }
      SparkSearch.run(
          spark,
          s,
          model,
          data,
          null,
          st -> {
            // the listener bus is asynchronous: let it deliver this round's task ends first
            drain(spark);
            print(master, localSteps, warmup, st, timeline.take());
            if (st.round() >= warmup) {
              shares.add(st.overheadShare());
            }
            last[0] = st;
          });
      summary(master, localSteps, prewarm, shares);
      if (floorJobs > 0 && last[0] != null) {
        floor(spark, master, localSteps, last[0], floorJobs);
      }
    } finally {
      spark.stop();
    }
  }

  private static void print(
      String master, int localSteps, int warmup, RoundStats r, List<JobTimeline.Job> jobs) {
    // the round's training job is its last one (a checkpoint or broadcast may add none)
    String spark = jobs.isEmpty() ? "" : "," + jobs.get(jobs.size() - 1).json();
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"master\":\"%s\",\"local_steps\":%d,\"round\":%d,\"warmup\":%b,\"tasks\":%d,"
                + "\"slots\":%d,\"wall_ms\":%.2f,\"task_compute_ms\":%.2f,\"task_compute_max_ms\":%.2f,"
                + "\"task_total_ms\":%.2f,"
                + "\"driver_apply_ms\":%.3f,\"stage_ms\":%.2f,\"broadcast_bytes\":%d,"
                + "\"result_bytes\":%d,\"touched_tensors\":%d,\"images_per_s\":%.1f,"
                + "\"overhead_share\":%.4f%s}",
            master,
            localSteps,
            r.round(),
            r.round() < warmup,
            r.tasks(),
            r.slots(),
            r.wallNanos() / 1e6,
            r.computeNanos() / 1e6,
            r.maxComputeNanos() / 1e6,
            r.taskNanos() / 1e6,
            r.applyNanos() / 1e6,
            r.engineNanos() / 1e6,
            r.broadcastBytes(),
            r.resultBytes(),
            r.touchedTensors(),
            r.imagesPerSecond(),
            r.overheadShare(),
            spark));
  }

  /**
   * The transport floor: model-free jobs moving the round's result bytes per task in each direction
   * (the pushed delta and the result touch about the same tensors).
   */
  private static void floor(
      SparkSession spark, String master, int localSteps, RoundStats r, int jobs) {
    int floats = (int) Math.max(1, r.resultBytes() / Math.max(1, r.tasks()) / 4);
    double[] ms =
        TransportProbe.run(
            JavaSparkContext.fromSparkContext(spark.sparkContext()),
            r.tasks(),
            floats,
            floats,
            jobs);
    StringBuilder list = new StringBuilder();
    for (double m : ms) {
      list.append(list.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.1f", m));
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"master\":\"%s\",\"local_steps\":%d,\"bench\":\"transport_floor\",\"tasks\":%d,"
                + "\"mb_in_per_task\":%.2f,\"mb_out_per_task\":%.2f,\"floor_ms\":[%s]}",
            master,
            localSteps,
            r.tasks(),
            floats * 4 / 1e6,
            floats * 4 / 1e6,
            list));
  }

  /**
   * Brings Spark's own code paths (task and result serialization, RPC, merge) to the JIT-compiled
   * state a long search reaches after its first few hundred rounds: {@code jobs} model-free jobs
   * ({@link TransportProbe}) moving the model's whole weight vector per task each way. Without
   * them, a benchmark of a few rounds measures Spark interpreted: an empty two-task job took 90-270
   * ms in local-cluster after 30 jobs, 23-32 ms after 400 on this project's 2-core host.
   */
  private static void prewarm(
      SparkSession spark, String runId, int partitions, ModelSpec model, int jobs) {
    // the model the search then uses (one cached build per run and shape)
    int floats;
    try (ExecutorCache.Lease<SearchModel> m = ExecutorCache.model(runId, model)) {
      floats = m.value().layout().total();
    }
    double[] ms =
        TransportProbe.run(
            JavaSparkContext.fromSparkContext(spark.sparkContext()),
            partitions,
            floats,
            floats,
            jobs);
    double[] sorted = ms.clone();
    java.util.Arrays.sort(sorted);
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"bench\":\"prewarm\",\"jobs\":%d,\"mb_per_task\":%.2f,\"first_ms\":%.1f,"
                + "\"median_ms\":%.1f,\"last_ms\":%.1f}",
            jobs,
            floats * 4 / 1e6,
            ms[0],
            quantile(sorted, 0.5),
            ms[ms.length - 1]));
  }

  /** One JSON line: median and spread of the measured rounds' overhead shares. */
  private static void summary(String master, int localSteps, int prewarm, List<Double> shares) {
    if (shares.isEmpty()) {
      return;
    }
    double[] x = shares.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"master\":\"%s\",\"local_steps\":%d,\"bench\":\"summary\",\"prewarm_jobs\":%d,"
                + "\"rounds\":%d,\"overhead_share_min\":%.4f,\"overhead_share_median\":%.4f,"
                + "\"overhead_share_p90\":%.4f,\"overhead_share_max\":%.4f}",
            master,
            localSteps,
            prewarm,
            x.length,
            x[0],
            quantile(x, 0.5),
            quantile(x, 0.9),
            x[x.length - 1]));
  }

  /** The {@code q}-quantile of sorted {@code x}, linear between neighbours. */
  static double quantile(double[] x, double q) {
    double pos = q * (x.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(x.length - 1, lo + 1);
    return x[lo] + (pos - lo) * (x[hi] - x[lo]);
  }

  private static void drain(SparkSession spark) {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not drain", e);
    }
  }

  private static String required(Map<String, String> a, String k) {
    String v = a.get(k);
    if (v == null) {
      throw new IllegalArgumentException("--" + k + " is required");
    }
    return v;
  }
}
