package io.nash.pipeline;

import io.nash.config.Settings;
import io.nash.space.Backbone;
import io.nash.space.ImageShape;
import io.nash.spark.SparkSynthesisEngine;
import io.nash.store.RunLayout;
import io.nash.store.UnitCommitter;
import io.nash.synth.CandidateSelection;
import io.nash.synth.SynthesisSettings;
import java.nio.charset.StandardCharsets;

/**
 * Stage 4: hardware synthesis estimates of the run's front candidates and the baseline on every
 * configured device (one Spark task per candidate and device, see {@link SynthesisDriver}). The
 * network lowered is the final one: the run's dataset shape and classes, the retraining width and
 * the retraining quantization preset. Complete when {@code hw-units.txt} lists units that are all
 * still committed.
 */
final class SynthesisStage implements Stage {
  static final String UNITS = "hw-units.txt";

  @Override
  public String name() {
    return "synthesis";
  }

  @Override
  public boolean isComplete(RunContext ctx) {
    return ctx.store()
        .get(ctx.runPath(UNITS))
        .map(
            b -> {
              String[] units = new String(b, StandardCharsets.UTF_8).split("\n");
              for (String u : units) {
                if (!u.isBlank() && !UnitCommitter.isCommitted(ctx.store(), u)) {
                  return false;
                }
              }
              return true;
            })
        .orElse(false);
  }

  /** The synthesis settings of a run (what `nash synthesize` takes as flags). */
  static SynthesisSettings settings(RunContext ctx) {
    Settings s = ctx.settings();
    SearchJob job = SearchJob.of(s, ctx.runId(), ctx.storeSpec().settings(), false);
    return SynthesisSettings.from(
        s,
        new ImageShape(
            job.supernet().inChannels(), job.supernet().imageSize(), job.supernet().imageSize()),
        job.supernet().classes());
  }

  @Override
  public void run(RunContext ctx) {
    SynthesisSettings ss = settings(ctx);
    SynthesisDriver.Summary sum =
        new SynthesisDriver(ctx.store(), new SparkSynthesisEngine(ctx.spark(), ctx.storeSpec()))
            .run(
                ctx.runId(),
                ss,
                // retrained candidates when the run retrains (accuracies then compare alike)
                ctx.settings().getInt("nash.train.max-candidates") > 0
                    ? CandidateSelection.Mode.RETRAINED
                    : CandidateSelection.Mode.FRONT,
                ctx.settings().getBool("nash.train.baseline"),
                Backbone.fromName(ctx.settings().getString("nash.search.backbone")));
    StringBuilder units = new StringBuilder();
    for (SynthesisDriver.Line l : sum.lines()) {
      units.append(RunLayout.hw(ctx.runId(), l.candidateId(), l.device())).append('\n');
      ctx.log(
          l.result()
              .map(
                  r ->
                      String.format(
                          "  %-9s %-7s %-6s fps %8.1f  LUT %8.0f  BRAM %6.0f  DSP %5.0f  top1 %s",
                          l.candidateId(),
                          l.device(),
                          r.status(),
                          r.fps() == null ? Double.NaN : r.fps(),
                          r.lut() == null ? Double.NaN : r.lut(),
                          r.bram18k() == null ? Double.NaN : r.bram18k(),
                          r.dsp() == null ? Double.NaN : r.dsp(),
                          r.top1() == null ? "-" : String.format("%.4f", r.top1())))
              .orElse("  " + l.candidateId() + " " + l.device() + ": no committed result"));
    }
    sum.left().forEach((id, why) -> ctx.log("  left out " + id + ": " + why));
    ctx.store().put(ctx.runPath(UNITS), units.toString().getBytes(StandardCharsets.UTF_8));
    ctx.log(
        String.format(
            "synthesis: %d results (%d failed), %d launched, %d already committed",
            sum.lines().size(), sum.failed(), sum.launched(), sum.skipped()));
  }
}
