package io.nash.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs stages in order. Without resume every stage runs; with resume the pipeline restarts at the
 * first stage whose outputs are not all committed and runs every stage after it (their inputs
 * changed). Each stage's duration is logged. Thread-safe (no state beyond the stage list).
 */
public final class Pipeline {
  private final List<Stage> stages;

  public Pipeline(List<Stage> stages) {
    this.stages = List.copyOf(stages);
    if (this.stages.isEmpty()) {
      throw new IllegalArgumentException("a pipeline needs at least one stage");
    }
  }

  public List<Stage> stages() {
    return stages;
  }

  /** What one pipeline run did per stage. */
  public record Outcome(List<String> ran, List<String> skipped) {}

  /** Runs the pipeline; returns which stages ran and which were skipped as complete. */
  public Outcome run(RunContext ctx, boolean resume) throws Exception {
    Objects.requireNonNull(ctx);
    int start = 0;
    if (resume) {
      while (start < stages.size() && stages.get(start).isComplete(ctx)) {
        start++;
      }
    }
    List<String> ran = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      Stage s = stages.get(i);
      if (i < start) {
        ctx.log("stage " + s.name() + ": complete, skipped (resume)");
        skipped.add(s.name());
        continue;
      }
      long t0 = System.nanoTime();
      ctx.log("stage " + (i + 1) + "/" + stages.size() + " " + s.name() + ": started");
      s.run(ctx);
      ctx.log(
          String.format(
              "stage %d/%d %s: done in %.1f s",
              i + 1, stages.size(), s.name(), (System.nanoTime() - t0) / 1e9));
      ran.add(s.name());
    }
    return new Outcome(ran, skipped);
  }
}
