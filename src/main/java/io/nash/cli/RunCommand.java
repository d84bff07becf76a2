package io.nash.cli;

import io.nash.config.Settings;
import io.nash.pipeline.Pipeline;
import io.nash.pipeline.RunContext;
import io.nash.pipeline.Runs;
import io.nash.pipeline.SearchStage;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nash run}, {@code nash search} and {@code nash demo}: the pipeline (or its search stage)
 * on one run, with settings from job files and flags, resumable with {@code --resume}.
 */
@Command(
    name = "run",
    showDefaultValues = true,
    description =
        "The whole pipeline on one run: search -> candidate evaluation -> retraining -> hardware"
            + " synthesis estimates -> Pareto refresh and report. Each stage reads and writes the"
            + " store; --resume restarts at the first unfinished stage.")
class RunCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Mixin JobOptions job;

  @Option(
      names = "--resume",
      description =
          "Skip the stages whose outputs are committed; resume the search from its newest checkpoint.")
  boolean resume;

  /** Job files applied before the user's (the demo's defaults). */
  List<Path> baseJobs() {
    return List.of();
  }

  Pipeline pipeline() {
    return Runs.fullPipeline();
  }

  /** The demo picks up where a previous demo stopped. */
  boolean alwaysResume() {
    return false;
  }

  @Override
  public Integer call() throws Exception {
    Settings s = job.resolve(baseJobs()); // fails on a bad value before anything starts
    Supplier<SparkSession> spark = Runs.lazySpark(s, "nash " + Runs.runId(s), job.hadoopSettings());
    long t0 = System.nanoTime();
    try (Store store =
        Store.open(
            new StoreSpec(s.getString("nash.store"), job.hadoopSettings()),
            w -> System.err.println("store: " + w))) {
      boolean resuming = resume || alwaysResume();
      if (!resuming && store.exists(io.nash.store.RunLayout.config(Runs.runId(s)))) {
        // never overwrite or silently continue a run: results already written stay as they are
        throw new IllegalArgumentException(
            "nash.run.id = "
                + Runs.runId(s)
                + ": this run already exists in "
                + store.uriOf("runs")
                + "; continue it with --resume or choose another --run-id");
      }
      RunContext ctx = Runs.context(s, store, spark, System.out::println);
      Pipeline.Outcome o = pipeline().run(ctx, resuming);
      System.out.printf(
          "%s: run %s done in %.1f min (ran %s, skipped %s)%n",
          spec(), ctx.runId(), (System.nanoTime() - t0) / 6e10, o.ran(), o.skipped());
      finish(ctx);
      return 0;
    } finally {
      if (SparkSession.getActiveSession().isDefined()) {
        SparkSession.getActiveSession().get().stop();
      }
    }
  }

  String spec() {
    return "nash run";
  }

  void finish(RunContext ctx) {
    if (ctx.store().exists("pareto/report.html")) {
      String uri = ctx.store().uriOf("pareto/report.html");
      System.out.println("report: " + uri);
      if (uri.startsWith("file:")) {
        System.out.println("        " + Path.of(java.net.URI.create(uri)).toAbsolutePath());
      }
    }
  }

  /**
   * {@code nash search}: only the search stage (alpha.json, genotype.json, metrics, checkpoints).
   */
  @Command(
      name = "search",
      showDefaultValues = true,
      description =
          "Run the NASH supernet search (distributed on Spark; local[*] by default) and write"
              + " runs/<id>/{config.json, alpha.json, genotype.json, metrics.jsonl, checkpoints/}.")
  static final class Search extends RunCommand {
    @Override
    Pipeline pipeline() {
      return new Pipeline(List.of(new SearchStage()));
    }

    @Override
    String spec() {
      return "nash search";
    }
  }

  /**
   * {@code nash demo}: the embedded default (conf/demo.yaml): Fashion-MNIST in Spark local mode, a
   * small width, U250 and ZCU104 estimates, ending with the report's path.
   */
  @Command(
      name = "demo",
      showDefaultValues = true,
      description =
          "The embedded default: the whole pipeline on Fashion-MNIST in Spark local mode (conf/demo.yaml),"
              + " about 15 minutes on 2 cores; prints the path of report.html.")
  static final class Demo extends RunCommand {
    @Override
    List<Path> baseJobs() {
      Path p = Path.of("conf/demo.yaml");
      String home = System.getenv("NASH_HOME");
      if (!Files.isRegularFile(p) && home != null) {
        p = Path.of(home, "conf", "demo.yaml");
      }
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException(
            "conf/demo.yaml not found: run nash demo from the project folder (bin/nash does)");
      }
      return List.of(p);
    }

    @Override
    public Integer call() throws Exception {
      Settings s = job.resolve(baseJobs());
      if (s.getString("nash.data.spec").equals("fashion-mnist")
          && !io.nash.data.DatasetSpec.fashionMnistInstalled()) {
        throw new IllegalArgumentException(
            "the demo needs Fashion-MNIST: install it with `apt-get install -y dataset-fashion-mnist`"
                + " (or run with --data synthetic)");
      }
      return super.call();
    }

    @Override
    String spec() {
      return "nash demo";
    }

    @Override
    boolean alwaysResume() {
      return true;
    }
  }
}
