package io.nash.pipeline;

import io.nash.config.Settings;
import io.nash.search.Candidate;
import io.nash.search.CandidateEnumerator;
import io.nash.search.engine.CandidateEngine;
import io.nash.search.engine.CandidateRow;
import io.nash.search.engine.EvalSettings;
import io.nash.search.engine.SearchState;
import io.nash.space.ArchWeights;
import io.nash.space.Seeds;
import io.nash.spark.SparkCandidateEngine;
import io.nash.store.CandidateTarget;
import io.nash.store.RunLayout;
import io.nash.store.UnitCommitter;
import java.util.List;
import java.util.Map;

/**
 * Stage 2: candidate sub-architectures from the final alpha (the argmax genotype, the top-k most
 * probable ones and distinct samples of the distribution), each evaluated one-shot with the
 * inherited supernet weights in a Spark stage. Commits the candidates table ({@code
 * candidates.json} and Parquet, one unit); a candidate that fails is a failed row. With {@code
 * nash.candidates.hw.require-target} mark every row records whether the candidate meets the
 * hardware target ({@link HardwareTerm#targets}); with drop the candidates that miss it are not
 * evaluated (the progress output says how many) and the rows kept record the target too.
 */
final class CandidatesStage implements Stage {
  @Override
  public String name() {
    return "candidates";
  }

  @Override
  public boolean isComplete(RunContext ctx) {
    return UnitCommitter.isCommitted(ctx.store(), RunLayout.candidatesTable(ctx.runId()));
  }

  @Override
  public void run(RunContext ctx) {
    Settings s = ctx.settings();
    SearchJob job = SearchJob.of(s, ctx.runId(), ctx.storeSpec().settings(), false);
    byte[] bytes =
        ctx.store()
            .get(ctx.runPath("supernet.bin"))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "run " + ctx.runId() + " has no supernet.bin: run the search stage first"));
    SearchState st = SearchState.fromBytes(bytes);
    ArchWeights alpha =
        ArchWeights.fromFlat(job.supernet().backbone(), job.supernet().version(), st.alpha());
    List<Candidate> cands =
        CandidateEnumerator.enumerate(
            alpha,
            s.getInt("nash.candidates.top-k"),
            s.getInt("nash.candidates.samples"),
            Seeds.candidateSamples(s.getLong("nash.run.seed")));
    String require = HardwareTerm.requireTarget(s);
    Map<String, CandidateTarget> targets = Map.of();
    if (!"off".equals(require)) {
      targets = HardwareTerm.targets(s, job.supernet(), cands);
      long meet = targets.values().stream().filter(CandidateTarget::meets).count();
      String target = s.getString("nash.search.hw.device") + " at " + HardwareTerm.fps(s) + " fps";
      if ("drop".equals(require)) {
        Map<String, CandidateTarget> t = targets;
        List<Candidate> kept = cands.stream().filter(c -> t.get(c.id()).meets()).toList();
        ctx.log(
            "candidates: "
                + (cands.size() - kept.size())
                + " of "
                + cands.size()
                + " miss the hardware target "
                + target
                + ": dropped");
        cands = kept;
      } else {
        ctx.log(
            "candidates: " + meet + " of " + cands.size() + " meet the hardware target " + target);
      }
    }
    ctx.log("candidates: evaluating " + cands.size() + " distinct genotypes one-shot");
    EvalSettings es = EvalSettings.from(s);
    CandidateEngine engine =
        new SparkCandidateEngine(
            ctx.spark(),
            ctx.runId(),
            job.model(),
            job.data(),
            s.getInt("nash.candidates.per-task"));
    List<CandidateRow> rows =
        engine.evaluate(cands.stream().map(Candidate::request).toList(), st.weights(), es);
    SparkCandidateEngine.write(ctx.spark(), ctx.store(), ctx.runId(), rows, targets);
    for (CandidateRow r : rows) {
      ctx.log(
          String.format(
              "  %-6s %-8s %s",
              r.id(),
              r.ok() ? String.format("%.4f", r.accuracy()) : "FAILED",
              (r.ok() ? r.source() : r.error())
                  + (targets.containsKey(r.id())
                      ? targets.get(r.id()).meets() ? "  meets target" : "  misses target"
                      : "")));
    }
  }
}
