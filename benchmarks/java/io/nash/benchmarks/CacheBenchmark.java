package io.nash.benchmarks;

import io.nash.spark.SparkSessions;

import io.nash.spark.SparkSearch;

import io.nash.spark.ExecutorCache;

import io.nash.search.DatasetSearchData;
import io.nash.search.SupernetFactory;
import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.engine.SearchSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Executor memory over a sweep: {@code --runs N} searches of the DJL supernet, each a run of its
 * own (its own supernet and weight replica in every executor's {@link ExecutorCache}), one after
 * another in one application, and after each run one JSON line with every executor JVM's resident
 * memory ({@code VmRSS} of {@code /proc/<pid>/status}; the executors are found by pid, as the
 * processes whose command line is Spark's executor backend of this application). Linux only; the
 * executors must run on this host ({@code local-cluster[n,c,m]}). The last line states the bound:
 * every executor's RSS after each run from {@code --settle} on stays within {@code --slack} (a
 * fraction, default 0.10) above its RSS after run {@code --settle} (default 2: the first run whose
 * predecessor's entries a cache of one run's size has closed). Usage: {@code CacheBenchmark
 * --master local-cluster[2,1,2048] --runs 6 --rounds 2 --width 16 --entries 3 --conf k=v}.
 */
public final class CacheBenchmark {
  private static final String EXECUTOR_MAIN =
      "org.apache.spark.executor.CoarseGrainedExecutorBackend";

  private CacheBenchmark() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> a = new HashMap<>();
    Map<String, String> conf = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      String k = args[i].replaceFirst("^--", "");
      if (k.equals("conf")) {
        String[] kv = args[i + 1].split("=", 2);
        conf.put(kv[0], kv[1]);
      } else {
        a.put(k, args[i + 1]);
      }
    }
    String master = a.getOrDefault("master", "local-cluster[2,1,2048]");
    int runs = Integer.parseInt(a.getOrDefault("runs", "6"));
    int rounds = Integer.parseInt(a.getOrDefault("rounds", "2"));
    int settle = Integer.parseInt(a.getOrDefault("settle", "2"));
    double slack = Double.parseDouble(a.getOrDefault("slack", "0.10"));
    String entries = a.getOrDefault("entries", Long.toString(ExecutorCache.DEFAULT_MAX_ENTRIES));
    Map<String, String> model = new LinkedHashMap<>();
    model.put("backbone", "resnet18");
    model.put("version", "v1");
    model.put("width", a.getOrDefault("width", "16"));
    model.put("channels", "1");
    model.put("size", a.getOrDefault("size", "16"));
    model.put("classes", "10");
    model.put("threads", "1");
    String dataset =
        "synthetic?train=512&test=64&classes=10&channels=1&size=" + model.get("size") + "&seed=3";
    DataSpec data =
        new DataSpec(
            DatasetSearchData.class.getName(),
            DatasetSearchData.spec(dataset, 0, 0, 0.5),
            Map.of());
    conf.put(ExecutorCache.MAX_ENTRIES_KEY, entries);
    conf.putIfAbsent("spark.ui.enabled", "false");
    SparkSession spark = SparkSessions.create(master, "nash-cache-benchmark", conf);
    String app = spark.sparkContext().applicationId();
    Map<Long, Long> settled = new LinkedHashMap<>();
    boolean held = true;
    try {
      for (int r = 1; r <= runs; r++) {
        long t0 = System.nanoTime();
        SearchSettings s =
            SearchSettings.builder("sweep-" + r)
                .seed(r)
                .rounds(rounds)
                .partitions(Integer.parseInt(a.getOrDefault("partitions", "2")))
                .localSteps(1)
                .batchSize(32)
                .build();
        SparkSearch.run(
            spark, s, new ModelSpec(SupernetFactory.class.getName(), model), data, null, st -> {});
        Map<Long, Long> rss = executorRss(app);
        if (r == settle) {
          settled.putAll(rss);
        }
        StringBuilder line = new StringBuilder();
        for (Map.Entry<Long, Long> e : rss.entrySet()) {
          line.append(line.length() == 0 ? "" : ",")
              .append(
                  String.format(
                      Locale.ROOT,
                      "{\"pid\":%d,\"rss_mb\":%.1f}",
                      e.getKey(),
                      e.getValue() / 1024.0));
          Long base = settled.get(e.getKey());
          if (r > settle && base != null && e.getValue() > base * (1 + slack)) {
            held = false;
          }
        }
        System.out.println(
            String.format(
                Locale.ROOT,
                "{\"run\":%d,\"entries\":%s,\"width\":%s,\"seconds\":%.1f,\"executors\":[%s]}",
                r,
                entries,
                model.get("width"),
                (System.nanoTime() - t0) / 1e9,
                line));
      }
      StringBuilder bound = new StringBuilder();
      for (Map.Entry<Long, Long> e : settled.entrySet()) {
        bound
            .append(bound.length() == 0 ? "" : ",")
            .append(
                String.format(
                    Locale.ROOT,
                    "{\"pid\":%d,\"bound_mb\":%.1f}",
                    e.getKey(),
                    e.getValue() * (1 + slack) / 1024.0));
      }
      System.out.println(
          String.format(
              Locale.ROOT,
              "{\"bound\":\"rss after each run >= %d <= (1 + %.2f) x rss after run %d\","
                  + "\"entries\":%s,\"held\":%b,\"executors\":[%s]}",
              settle,
              slack,
              settle,
              entries,
              held,
              bound));
    } finally {
      spark.stop();
    }
  }

  /** VmRSS in KiB of every executor JVM of {@code app} on this host, by pid. */
  static Map<Long, Long> executorRss(String app) throws IOException {
    Map<Long, Long> out = new java.util.TreeMap<>();
    List<Path> procs = new ArrayList<>();
    try (Stream<Path> ps = Files.list(Path.of("/proc"))) {
      ps.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(procs::add);
    }
    for (Path p : procs) {
      String cmd;
      try {
        cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
      } catch (IOException gone) {
        continue;
      }
      if (!cmd.contains(EXECUTOR_MAIN) || !cmd.contains(app)) {
        continue;
      }
      long pid = Long.parseLong(p.getFileName().toString());
      for (String l : Files.readAllLines(p.resolve("status"))) {
        if (l.startsWith("VmRSS:")) {
          out.put(pid, Long.parseLong(l.replaceAll("\\D", "")));
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException(
          "no executor JVM of " + app + " on this host: use local-cluster[n,c,m]");
    }
    return out;
  }
}
