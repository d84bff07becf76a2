package io.nash.synth;

import io.nash.hw.Device;
import io.nash.hw.Estimator;
import io.nash.hw.HwReport;
import io.nash.hw.Lowering;
import io.nash.hw.Stem;
import io.nash.hw.TrainedValues;
import io.nash.pareto.Objectives;
import io.nash.pareto.ParetoAnalysis;
import io.nash.pareto.ParetoPoint;
import io.nash.space.SpaceJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Chooses which candidates of a run are synthesized. {@code all}: every row of the table plus the
 * baseline. {@code front} (the default): the baseline, plus the candidates not dominated under the
 * default objectives (accuracy up; LUT, BRAM_18K, DSP down; fps up) where the hardware side is a
 * quick estimate - the lowered network at FINN's initial folding (every PE and SIMD at 1) on the
 * first device, no folding search. Candidates without an accuracy (a failed evaluation) are left
 * out with a reason; a candidate whose quick estimate fails (an invalid genotype) is kept, so its
 * failure becomes a recorded failed row rather than a silent omission. Stateless; thread-safe.
 */
public final class CandidateSelection {
  private CandidateSelection() {}

  /** The selection modes. */
  public enum Mode {
    FRONT,
    ALL,
    /** The candidates the retraining stage trained (and the baseline): accuracies compare alike. */
    RETRAINED;

    public static Mode parse(String s) {
      String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
      return switch (v) {
        case "front" -> FRONT;
        case "all" -> ALL;
        case "retrained" -> RETRAINED;
        default ->
            throw new IllegalArgumentException(
                "select = '" + s + "': allowed are front, all, retrained");
      };
    }
  }

  /**
   * @param selected candidates to synthesize, in table order
   * @param left reason per candidate left out
   */
  public record Selection(List<RunCandidates.Input> selected, Map<String, String> left) {
    public Selection {
      selected = List.copyOf(selected);
      left = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(left));
    }
  }

  public static Selection select(List<RunCandidates.Input> inputs, Mode mode, SynthesisSettings s) {
    if (mode == Mode.ALL) {
      return new Selection(inputs, Map.of());
    }
    if (mode == Mode.RETRAINED) {
      List<RunCandidates.Input> sel = new ArrayList<>();
      Map<String, String> out = new LinkedHashMap<>();
      for (RunCandidates.Input in : inputs) {
        if (RunCandidates.RETRAINED.equals(in.accuracySource())) {
          sel.add(in);
        } else {
          out.put(in.id(), "not retrained (one-shot accuracy only)");
        }
      }
      return new Selection(sel, out);
    }
    Device first = s.device(s.devices().get(0));
    Map<String, String> left = new LinkedHashMap<>();
    Set<String> keep = new HashSet<>();
    List<ParetoPoint> points = new ArrayList<>();
    for (RunCandidates.Input in : inputs) {
      if (in.id().equals(RunCandidates.BASELINE_ID)) {
        keep.add(in.id());
      } else if (!in.evaluated() || in.top1() == null) {
        left.put(in.id(), "no accuracy (evaluation failed or missing)");
      } else {
        try {
          points.add(quickPoint(in, s, first));
        } catch (RuntimeException e) {
          keep.add(in.id()); // synthesis will record why it fails
        }
      }
    }
    ParetoAnalysis a = ParetoAnalysis.of(Objectives.DEFAULT, points);
    keep.addAll(a.frontIds());
    for (ParetoPoint p : points) {
      if (!keep.contains(p.id())) {
        left.put(
            p.id(),
            "dominated in the quick estimate on "
                + first.name()
                + " (rank "
                + a.ranks().get(p.id())
                + ")");
      }
    }
    List<RunCandidates.Input> selected =
        inputs.stream().filter(in -> keep.contains(in.id())).toList();
    return new Selection(selected, left);
  }

  /** The candidate's accuracy and its quick hardware estimate on {@code d}. */
  static ParetoPoint quickPoint(RunCandidates.Input in, SynthesisSettings s, Device d) {
    HwReport r =
        Estimator.estimate(
            Lowering.lower(
                SpaceJson.parseArchitecture(in.architectureJson()),
                s.quant(),
                s.input(),
                s.classes(),
                d.dspType(),
                s.width(),
                Stem.forInput(s.input()),
                TrainedValues.NONE),
            d.dspType(),
            s.clockNs());
    Map<String, Double> o = new LinkedHashMap<>();
    o.put(Objectives.ACCURACY, in.top1());
    o.put(Objectives.LUT, r.total().lut());
    o.put(Objectives.BRAM, r.total().bram18());
    o.put(Objectives.DSP, r.total().dsp());
    o.put(Objectives.FPS, r.fps());
    return new ParetoPoint(in.id(), o);
  }
}
