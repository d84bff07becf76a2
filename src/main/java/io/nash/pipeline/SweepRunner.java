package io.nash.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the variants of a {@link SweepSpec} through one {@link Pipeline}, at most {@code
 * concurrency} at once, each variant's Spark jobs in its own FAIR scheduler pool so that a long
 * search does not starve the others. A variant whose stages are all complete is skipped, so a
 * stopped sweep restarts where it was; a failing variant is reported and the others go on. Training
 * tasks still run one per executor JVM (spark.task.cpus = executor cores), so variants overlap
 * their I/O, synthesis and driver work, not their autograd.
 */
public final class SweepRunner {
  private SweepRunner() {}

  /** One line of the sweep summary. */
  public record Row(String runId, String status, double seconds, String detail) {}

  /**
   * @param contexts builds the context of a variant (settings, store, shared Spark session)
   * @param summary one-line figures of a finished run (e.g. best accuracy and fps), read from the
   *     store
   */
  public static List<Row> run(
      SweepSpec spec,
      Pipeline pipeline,
      Function<SweepSpec.Variant, RunContext> contexts,
      Function<RunContext, String> summary,
      Consumer<String> log)
      throws InterruptedException {
    List<SweepSpec.Variant> variants = spec.variants();
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(spec.concurrency(), variants.size()));
    List<Future<Row>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < variants.size(); i++) {
        SweepSpec.Variant v = variants.get(i);
        String poolName = "variant-" + (i % spec.concurrency());
        futures.add(pool.submit(() -> runOne(v, poolName, pipeline, contexts, summary, log)));
      }
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        try {
          rows.add(futures.get(i).get());
        } catch (java.util.concurrent.ExecutionException e) {
          rows.add(new Row(variants.get(i).runId(), "failed", 0, String.valueOf(e.getCause())));
        }
      }
      return rows;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Row runOne(
      SweepSpec.Variant v,
      String poolName,
      Pipeline pipeline,
      Function<SweepSpec.Variant, RunContext> contexts,
      Function<RunContext, String> summary,
      Consumer<String> log) {
    long t0 = System.nanoTime();
    RunContext ctx;
    try {
      ctx = contexts.apply(v).withSchedulerPool(poolName);
    } catch (RuntimeException e) {
      return new Row(v.runId(), "failed", 0, "settings: " + e.getMessage());
    }
    try {
      if (pipeline.stages().stream().allMatch(s -> s.isComplete(ctx))) {
        ctx.log("complete, skipped");
        return new Row(v.runId(), "skipped", 0, summary.apply(ctx));
      }
      Pipeline.Outcome o = pipeline.run(ctx, true);
      double s = (System.nanoTime() - t0) / 1e9;
      log.accept(
          "sweep: "
              + v.runId()
              + " done in "
              + String.format("%.1f s", s)
              + " (ran "
              + o.ran()
              + ")");
      return new Row(v.runId(), "done", s, summary.apply(ctx));
    } catch (Exception e) {
      ctx.log("FAILED: " + e);
      return new Row(
          v.runId(), "failed", (System.nanoTime() - t0) / 1e9, String.valueOf(e.getMessage()));
    }
  }

  /** The summary table, one row per variant, aligned for the console. */
  public static String table(List<Row> rows) {
    int w = Math.max(6, rows.stream().mapToInt(r -> r.runId().length()).max().orElse(6));
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-" + w + "s  %-8s  %8s  %s%n", "run", "status", "seconds", "result"));
    for (Row r : rows) {
      sb.append(
          String.format(
              "%-" + w + "s  %-8s  %8.1f  %s%n", r.runId(), r.status(), r.seconds(), r.detail()));
    }
    return sb.toString();
  }
}
