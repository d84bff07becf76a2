package io.nash.cli;

import io.nash.config.Settings;
import io.nash.pareto.Objectives;
import io.nash.pipeline.ParetoRefresher;
import io.nash.pipeline.Pipeline;
import io.nash.pipeline.Runs;
import io.nash.pipeline.SweepRunner;
import io.nash.pipeline.SweepSpec;
import io.nash.store.CandidateResult;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import io.nash.store.UnitCommitter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code nash sweep FILE.yaml}: a grid of variants, each a run in one store, several at once in
 * FAIR scheduler pools; finished variants are skipped; a summary table and a refreshed front at the
 * end.
 */
@Command(
    name = "sweep",
    showDefaultValues = true,
    description =
        "Run a grid of variants (backbone x version x width x quantization x device x seed) as runs"
            + " in one store; restartable; prints a summary and refreshes the Pareto front.")
final class SweepCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Parameters(
      index = "0",
      paramLabel = "SWEEP.yaml",
      description = "The sweep file (see conf/sweep-example.yaml).")
  Path file;

  @Mixin SetOptions set;

  @Mixin StoreOptions storeOptions;

  @Override
  public Integer call() throws Exception {
    SweepSpec spec = SweepSpec.read(file); // validates every variant before anything starts
    Map<String, String> extra = new java.util.LinkedHashMap<>(set.overrides());
    if (storeOptions.store != null) {
      extra.put("nash.store", storeOptions.store); // --store wins over the variants' nash.store
    }
    Settings first =
        Settings.load(spec.jobFiles(), merged(spec.variants().get(0).overrides(), extra));
    for (SweepSpec.Variant v : spec.variants()) {
      Settings.load(spec.jobFiles(), merged(v.overrides(), extra));
    }
    Supplier<SparkSession> spark =
        Runs.lazySpark(first, "nash sweep " + spec.name(), storeOptions.hadoopSettings());
    Pipeline pipeline = Runs.fullPipeline();
    System.out.printf(
        "sweep %s: %d variants, %d at once%n",
        spec.name(), spec.variants().size(), spec.concurrency());
    try (Store store =
        Store.open(
            new StoreSpec(first.getString("nash.store"), storeOptions.hadoopSettings()),
            w -> System.err.println("store: " + w))) {
      List<SweepRunner.Row> rows =
          SweepRunner.run(
              spec,
              pipeline,
              v ->
                  Runs.context(
                      Settings.load(spec.jobFiles(), merged(v.overrides(), extra)),
                      store,
                      spark,
                      System.out::println),
              c -> summary(c.store(), c.runId()),
              System.out::println);
      System.out.println();
      System.out.print(SweepRunner.table(rows));
      ParetoRefresher.Result r =
          new ParetoRefresher(store, Objectives.parse(first.getString("nash.pareto.objectives")))
              .refresh();
      System.out.printf(
          "front: %d members over all runs (read %d new results); report %s%n",
          r.front().size(), r.newlyRead().size(), store.uriOf("pareto/report.html"));
      return rows.stream().anyMatch(x -> x.status().equals("failed")) ? 1 : 0;
    } finally {
      if (SparkSession.getActiveSession().isDefined()) {
        SparkSession.getActiveSession().get().stop();
      }
    }
  }

  private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
    Map<String, String> m = new LinkedHashMap<>(a);
    m.putAll(b);
    return m;
  }

  /** Best accuracy and fps among the run's committed hardware results. */
  static String summary(Store store, String runId) {
    double bestTop1 = Double.NaN;
    double bestFps = Double.NaN;
    int n = 0;
    for (RunLayout.HwRef ref : RunLayout.committedHwResults(store, runId)) {
      var r =
          UnitCommitter.open(store, ref.dir())
              .flatMap(d -> d.readJson("result.json", CandidateResult.class));
      if (r.isPresent() && CandidateResult.OK.equals(r.get().status())) {
        n++;
        if (r.get().top1() != null) {
          bestTop1 = Double.isNaN(bestTop1) ? r.get().top1() : Math.max(bestTop1, r.get().top1());
        }
        if (r.get().fps() != null) {
          bestFps = Double.isNaN(bestFps) ? r.get().fps() : Math.max(bestFps, r.get().fps());
        }
      }
    }
    return String.format("%d hw results, best top1 %.4f, best fps %.1f", n, bestTop1, bestFps);
  }
}
