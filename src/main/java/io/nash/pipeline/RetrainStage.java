package io.nash.pipeline;

import io.nash.config.Settings;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.SpaceJson;
import io.nash.spark.SparkRetrainEngine;
import io.nash.store.CandidateAccuracy;
import io.nash.synth.CandidateSelection;
import io.nash.synth.RunCandidates;
import io.nash.train.RetrainEngine;
import io.nash.train.RetrainJob;
import io.nash.train.RetrainOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Stage 3: retrains the quantized child networks of the run's most promising candidates from
 * scratch: the non-dominated ones by one-shot accuracy versus a quick hardware estimate, at most
 * {@code nash.train.max-candidates} of them (highest one-shot accuracy first), plus the non-NASH
 * baseline. Each writes {@code train/<cand>/} and {@code candidates/<cand>/accuracy.json}, which
 * the synthesis stage then reports as retrained accuracy, and {@code candidates/<cand>/model.onnx}
 * (QONNX). One Spark task per candidate ({@link SparkRetrainEngine}); a failed candidate fails the
 * stage after the others finished, and a resume retrains only what is missing. Complete when every
 * selected candidate has its accuracy file.
 */
public final class RetrainStage implements Stage {
  @Override
  public String name() {
    return "retrain";
  }

  /** The candidates to retrain, in order. */
  static List<RunCandidates.Input> selected(RunContext ctx) {
    Settings s = ctx.settings();
    boolean baseline = s.getBool("nash.train.baseline");
    List<RunCandidates.Input> inputs =
        RunCandidates.read(
            ctx.store(),
            ctx.runId(),
            baseline,
            Backbone.fromName(s.getString("nash.search.backbone")));
    CandidateSelection.Selection sel =
        CandidateSelection.select(
            inputs, CandidateSelection.Mode.FRONT, SynthesisStage.settings(ctx));
    List<RunCandidates.Input> nash = new ArrayList<>();
    List<RunCandidates.Input> out = new ArrayList<>();
    for (RunCandidates.Input in : sel.selected()) {
      if (in.id().equals(RunCandidates.BASELINE_ID)) {
        out.add(in);
      } else if (in.evaluated() && in.top1() != null) {
        nash.add(in);
      }
    }
    nash.sort(Comparator.comparing((RunCandidates.Input i) -> -i.top1()));
    int max = s.getInt("nash.train.max-candidates");
    List<RunCandidates.Input> picked = new ArrayList<>(nash.subList(0, Math.min(max, nash.size())));
    picked.addAll(out);
    return picked;
  }

  /** The selection is recorded when the stage starts: retrained accuracies change the front. */
  static final String SELECTION = "retrain-selection.txt";

  /**
   * The candidate ids the stage selected when it last started, in order, or empty if it never
   * started.
   */
  public static java.util.Optional<List<String>> selection(
      io.nash.store.Store store, String runId) {
    return store
        .get(io.nash.store.RunLayout.run(runId) + "/" + SELECTION)
        .map(
            b ->
                new String(b, java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .filter(id -> !id.isBlank())
                    .toList());
  }

  @Override
  public boolean isComplete(RunContext ctx) {
    var sel = selection(ctx.store(), ctx.runId());
    if (sel.isEmpty()) {
      return false;
    }
    for (String id : sel.get()) {
      if (CandidateAccuracy.read(ctx.store(), ctx.runId(), id).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The networks to retrain: the recorded selection when the stage started before (a resume), else
   * a fresh selection, recorded. Selecting again on a resume would see the retrained accuracies of
   * the networks that finished before the interruption instead of their one-shot ones, and could
   * pick other networks than an uninterrupted run.
   */
  static List<RunCandidates.Input> toRetrain(RunContext ctx) {
    var recorded = selection(ctx.store(), ctx.runId());
    if (recorded.isPresent()) {
      Settings s = ctx.settings();
      Map<String, RunCandidates.Input> byId = new java.util.HashMap<>();
      for (RunCandidates.Input in :
          RunCandidates.read(
              ctx.store(),
              ctx.runId(),
              s.getBool("nash.train.baseline"),
              Backbone.fromName(s.getString("nash.search.backbone")))) {
        byId.put(in.id(), in);
      }
      List<RunCandidates.Input> out = new ArrayList<>();
      for (String id : recorded.get()) {
        RunCandidates.Input in = byId.get(id);
        if (in == null) {
          throw new IllegalStateException(
              ctx.store().uriOf(ctx.runPath(SELECTION))
                  + " names candidate '"
                  + id
                  + "', which the committed candidates table does not hold");
        }
        out.add(in);
      }
      return out;
    }
    List<RunCandidates.Input> todo = selected(ctx);
    StringBuilder ids = new StringBuilder();
    todo.forEach(in -> ids.append(in.id()).append('\n'));
    ctx.store()
        .put(
            ctx.runPath(SELECTION),
            ids.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return todo;
  }

  @Override
  public void run(RunContext ctx) {
    List<RunCandidates.Input> todo = toRetrain(ctx);
    ctx.log(
        "retrain: "
            + todo.size()
            + " networks ("
            + todo.stream().map(RunCandidates.Input::id).toList()
            + ")");
    List<RetrainJob> jobs = new ArrayList<>();
    Map<String, String> settings = ctx.settings().asStrings();
    for (RunCandidates.Input in : todo) {
      Architecture arch =
          in.id().equals(RunCandidates.BASELINE_ID)
              ? Architecture.baseline(
                  Backbone.fromName(ctx.settings().getString("nash.search.backbone")))
              : SpaceJson.parseArchitecture(in.architectureJson());
      jobs.add(new RetrainJob(ctx.runId(), in.id(), SpaceJson.architectureJson(arch), settings));
    }
    int failed = 0;
    RetrainEngine engine = new SparkRetrainEngine(ctx.spark(), ctx.storeSpec());
    for (RetrainOutcome o : engine.run(jobs)) {
      if (o.ok()) {
        ctx.log(
            String.format(
                "retrain %s: top1 %.4f top5 %s after %d epochs (%.0f s)",
                o.candidateId(),
                o.top1(),
                o.top5() == null ? "n/a" : String.format("%.4f", o.top5()),
                o.epochs(),
                o.millis() / 1000.0));
      } else {
        failed++;
        ctx.log("retrain " + o.candidateId() + " FAILED: " + o.error());
      }
    }
    if (failed > 0) {
      throw new IllegalStateException(
          failed
              + " of "
              + jobs.size()
              + " retrainings failed (see the log above); --resume retries only those");
    }
  }
}
