package io.nash.pipeline;

import io.nash.hw.Resources;
import io.nash.space.Backbone;
import io.nash.store.CandidateResult;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.UnitCommitter;
import io.nash.synth.CandidateSelection;
import io.nash.synth.RunCandidates;
import io.nash.synth.Summaries;
import io.nash.synth.SynthesisEngine;
import io.nash.synth.SynthesisJob;
import io.nash.synth.SynthesisOutcome;
import io.nash.synth.SynthesisSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Driver side of the synthesis stage: reads the run's candidates ({@link RunCandidates}), selects
 * them ({@link CandidateSelection}), makes one job per (candidate, device), drops the jobs whose
 * unit is already committed (so a rerun launches nothing; a committed unit made with other settings
 * refuses the run with one line naming them, {@link Summaries#settingsChanges}), runs the rest on a
 * {@link SynthesisEngine} and reads every selected (candidate, device) result back from the store
 * for the summary. Not thread-safe; one instance per command.
 */
public final class SynthesisDriver {
  private final Store store;
  private final SynthesisEngine stage;

  public SynthesisDriver(Store store, SynthesisEngine stage) {
    this.store = store;
    this.stage = stage;
  }

  /**
   * One (candidate, device) line of the summary.
   *
   * @param result the committed row, or empty if no committed unit could be read
   * @param action what this invocation did; empty if the driver skipped it as already committed
   * @param utilisation largest share of the device's LUT/BRAM/URAM/DSP capacity (NaN if failed)
   */
  public record Line(
      String candidateId,
      String device,
      Optional<CandidateResult> result,
      Optional<SynthesisOutcome.Action> action,
      double utilisation) {}

  /**
   * What one invocation did.
   *
   * @param left candidates not selected, with the reason
   * @param skipped jobs the driver found already committed (not launched)
   * @param launched jobs sent to the stage
   * @param committed units this invocation committed
   */
  public record Summary(
      List<Line> lines, Map<String, String> left, int skipped, int launched, int committed) {
    public Summary {
      lines = List.copyOf(lines);
      left = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(left));
    }

    public long failed() {
      return lines.stream()
          .filter(l -> l.result().map(r -> CandidateResult.FAILED.equals(r.status())).orElse(true))
          .count();
    }
  }

  /**
   * Synthesizes the run's selected candidates on every configured device.
   *
   * @param baseline also synthesize the baseline of the run's backbone
   * @param fallbackBackbone backbone of the baseline when no candidate genotype names one
   */
  public Summary run(
      String runId,
      SynthesisSettings settings,
      CandidateSelection.Mode mode,
      boolean baseline,
      Backbone fallbackBackbone) {
    List<RunCandidates.Input> inputs = RunCandidates.read(store, runId, baseline, fallbackBackbone);
    CandidateSelection.Selection sel = CandidateSelection.select(inputs, mode, settings);
    List<SynthesisJob> all = new ArrayList<>();
    List<SynthesisJob> pending = new ArrayList<>();
    Map<String, List<String>> changed = new LinkedHashMap<>();
    for (RunCandidates.Input in : sel.selected()) {
      for (String device : settings.devices()) {
        SynthesisJob j = in.job(runId, device);
        all.add(j);
        if (!UnitCommitter.isCommitted(store, j.unitDir())) {
          pending.add(j);
        } else {
          List<String> c = Summaries.settingsChanges(store, j, settings);
          if (!c.isEmpty()) {
            changed.put(j.candidateId() + "/" + j.device(), c);
          }
        }
      }
    }
    if (!changed.isEmpty()) {
      // a committed unit keeps the settings it was made with: never report it for other ones
      throw new IllegalArgumentException(
          "run "
              + runId
              + ": "
              + changed.size()
              + " committed hardware units were synthesized with other settings: "
              + changed.entrySet().stream()
                  .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                  .collect(java.util.stream.Collectors.joining(", "))
              + "; synthesize with the recorded settings, or into another run");
    }
    Map<String, SynthesisOutcome.Action> actions = new LinkedHashMap<>();
    int committed = 0;
    for (SynthesisOutcome o :
        pending.isEmpty() ? List.<SynthesisOutcome>of() : stage.run(pending, settings)) {
      actions.put(o.candidateId() + "/" + o.device(), o.action());
      if (o.action() == SynthesisOutcome.Action.COMMITTED) {
        committed++;
      }
    }
    List<Line> lines = new ArrayList<>();
    for (SynthesisJob j : all) {
      Optional<CandidateResult> r =
          CandidateResult.read(store, new RunLayout.HwRef(j.runId(), j.candidateId(), j.device()));
      double util =
          r.filter(x -> CandidateResult.OK.equals(x.status()))
              .map(
                  x ->
                      Summaries.maxUtilisation(
                          Resources.of(x.bram18k(), x.lut(), x.uram(), x.dsp()),
                          settings.device(j.device()).capacity()))
              .orElse(Double.NaN);
      lines.add(
          new Line(
              j.candidateId(),
              j.device(),
              r,
              Optional.ofNullable(actions.get(j.candidateId() + "/" + j.device())),
              util));
    }
    return new Summary(lines, sel.left(), all.size() - pending.size(), pending.size(), committed);
  }
}
