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
import io.nash.store.RunLayout;
import io.nash.store.UnitCommitter;
import java.util.List;

/**
 * Stage 2: candidate sub-architectures from the final alpha (the argmax genotype, the top-k most
 * probable ones and distinct samples of the distribution), each evaluated one-shot with the
 * inherited supernet weights in a Spark stage. Commits the candidates table ({@code
 * candidates.json} and Parquet, one unit); a candidate that fails is a failed row.
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
    SparkCandidateEngine.write(ctx.spark(), ctx.store(), ctx.runId(), rows);
    for (CandidateRow r : rows) {
      ctx.log(
          String.format(
              "  %-6s %-8s %s",
              r.id(),
              r.ok() ? String.format("%.4f", r.accuracy()) : "FAILED",
              r.ok() ? r.source() : r.error()));
    }
  }
}
