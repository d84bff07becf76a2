package io.nash.cli;

import io.nash.pareto.Objectives;
import io.nash.pipeline.ParetoRefresher;
import io.nash.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nash pareto refresh}: merges new committed results into the store's Pareto front. */
@Command(
    name = "pareto",
    description = "Pareto front of all runs in a store.",
    subcommands = {ParetoCommand.Refresh.class})
final class ParetoCommand implements Runnable {
  @Mixin HelpOption help;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "refresh",
      showDefaultValues = true,
      description =
          "Read every committed candidate result not read before, merge it into the front and"
              + " write pareto/front.json, front.csv, report.html and refresh-manifest.json."
              + " Safe to run concurrently and on a schedule.")
  static final class Refresh implements Callable<Integer> {
    @Mixin HelpOption help;

    @Mixin StoreOptions store;

    @Option(
        names = "--objectives",
        description = "Objectives, name:max|min, comma-separated (nash.pareto.objectives).",
        descriptionKey = "nash.pareto.objectives")
    String objectives;

    @Override
    public Integer call() {
      Objectives obj = Objectives.parse(objectives);
      try (Store s = store.open()) {
        long t0 = System.nanoTime();
        ParetoRefresher.Result r = new ParetoRefresher(s, obj).refresh();
        System.out.printf(
            "pareto refresh: read %d new results, front version %d with %d members (%d merge rounds, %.1f s)%n",
            r.newlyRead().size(),
            r.version(),
            r.front().size(),
            r.rounds(),
            (System.nanoTime() - t0) / 1e9);
        System.out.println("report: " + s.uriOf("pareto/report.html"));
      }
      return 0;
    }
  }
}
