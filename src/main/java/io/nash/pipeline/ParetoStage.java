package io.nash.pipeline;

import io.nash.pareto.Objectives;
import io.nash.pareto.ParetoPoint;
import io.nash.store.RunLayout;
import java.util.HashSet;
import java.util.Set;

/**
 * Stage 5: merges the run's committed hardware results into the store's global Pareto front and
 * publishes the front files and report. Complete when {@code pareto/front.json} exists and the
 * current front has read every committed result of the run.
 */
final class ParetoStage implements Stage {
  @Override
  public String name() {
    return "pareto";
  }

  @Override
  public boolean isComplete(RunContext ctx) {
    if (!ctx.store().exists("pareto/front.json")) {
      return false;
    }
    ParetoRefresher r = new ParetoRefresher(ctx.store(), objectives(ctx));
    Set<String> read = new HashSet<>();
    for (ParetoPoint p : r.current().archive()) {
      read.add(p.id());
    }
    return RunLayout.committedHwResults(ctx.store(), ctx.runId()).stream()
        .allMatch(ref -> read.contains(ref.key()));
  }

  @Override
  public void run(RunContext ctx) {
    ParetoRefresher.Result r = new ParetoRefresher(ctx.store(), objectives(ctx)).refresh();
    ctx.log(
        "pareto: read "
            + r.newlyRead().size()
            + " new results; front has "
            + r.front().size()
            + " members; report "
            + ctx.store().uriOf("pareto/report.html"));
  }

  static Objectives objectives(RunContext ctx) {
    return Objectives.parse(ctx.settings().getString("nash.pareto.objectives"));
  }
}
