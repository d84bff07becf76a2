package io.nash.pipeline;

import io.nash.config.Settings;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.SpaceJson;
import io.nash.store.CandidateAccuracy;
import io.nash.synth.CandidateSelection;
import io.nash.synth.RunCandidates;
import io.nash.train.Retraining;
import io.nash.train.TrainData;
import io.nash.train.TrainResult;
import io.nash.train.TrainSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stage 3: retrains the quantized child networks of the run's most promising candidates from
 * scratch: the non-dominated ones by one-shot accuracy versus a quick hardware estimate, at most
 * {@code nash.train.max-candidates} of them (highest one-shot accuracy first), plus the non-NASH
 * baseline. Each writes {@code train/<cand>/} and {@code candidates/<cand>/accuracy.json}, which
 * the synthesis stage then reports as retrained accuracy. Runs on the driver, one candidate after
 * another (each training uses the driver's cores; a cluster retrains in its synthesis-free
 * moments). Complete when every selected candidate has its accuracy file.
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
            inputs, CandidateSelection.Mode.FRONT, HardwareStage.settings(ctx));
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

  @Override
  public boolean isComplete(RunContext ctx) {
    var sel = ctx.store().get(ctx.runPath(SELECTION));
    if (sel.isEmpty()) {
      return false;
    }
    for (String id : new String(sel.get(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
      if (!id.isBlank() && CandidateAccuracy.read(ctx.store(), ctx.runId(), id).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void run(RunContext ctx) {
    List<RunCandidates.Input> todo = selected(ctx);
    StringBuilder ids = new StringBuilder();
    todo.forEach(in -> ids.append(in.id()).append('\n'));
    ctx.store()
        .put(
            ctx.runPath(SELECTION),
            ids.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ctx.log(
        "retrain: "
            + todo.size()
            + " networks ("
            + todo.stream().map(RunCandidates.Input::id).toList()
            + ")");
    TrainData data = null;
    for (RunCandidates.Input in : todo) {
      Architecture arch =
          in.id().equals(RunCandidates.BASELINE_ID)
              ? Architecture.baseline(
                  Backbone.fromName(ctx.settings().getString("nash.search.backbone")))
              : SpaceJson.parseArchitecture(in.architectureJson());
      TrainSettings ts = TrainSettings.fromSettings(ctx.settings(), arch.label() + ":" + in.id());
      if (data == null) {
        data = TrainData.load(ts);
      }
      TrainResult r =
          Retraining.trainCandidate(ts, arch, ctx.store(), ctx.runId(), in.id(), data, System.out);
      exportQonnx(ctx, in.id(), arch, ts);
      ctx.log(
          String.format(
              "retrain %s (%s): top1 %.4f top5 %s after %d epochs",
              in.id(),
              arch.label(),
              r.top1(),
              r.top5() == null ? "n/a" : String.format("%.4f", r.top5()),
              r.epochs()));
    }
  }

  /** The trained network as QONNX at {@code candidates/<cand>/model.onnx}: a FINN build's input. */
  private static void exportQonnx(
      RunContext ctx, String cand, Architecture arch, TrainSettings ts) {
    io.nash.train.Checkpoint c =
        io.nash.train.Checkpoint.newest(
                ctx.store(), io.nash.train.Trainer.candidateDir(ctx.runId(), cand))
            .orElseThrow(() -> new IllegalStateException("no checkpoint for " + cand));
    var m = c.meta();
    io.nash.nn.child.ChildConfig cfg =
        new io.nash.nn.child.ChildConfig(
            arch,
            ts.quantSpec(),
            ts.width(),
            new io.nash.nn.child.InputShape(m.input()[0], m.input()[1], m.input()[2]),
            m.classes());
    try {
      java.nio.file.Path tmp = java.nio.file.Files.createTempFile("nash-" + cand, ".onnx");
      try {
        io.nash.nn.export.ChildExporter.write(
            cfg,
            c.withPrefix(io.nash.train.Trainer.NET_PREFIX),
            io.nash.nn.export.ExportFormat.QONNX,
            tmp);
        ctx.store()
            .put(
                ctx.runPath("candidates/" + cand + "/model.onnx"),
                java.nio.file.Files.readAllBytes(tmp));
      } finally {
        java.nio.file.Files.deleteIfExists(tmp);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot export " + cand, e);
    }
  }
}
