package io.nash.hw;

import io.nash.space.Architecture;
import io.nash.space.QuantSpec;

/**
 * The one-call API of the synthesis stage: lower a candidate, fold it with our resource-aware
 * folding and with FINN's SetFolding, and estimate both with FINN's formulas. Stateless;
 * thread-safe.
 */
public final class HardwareEstimator {
  private HardwareEstimator() {}

  /** With width 64, the input's default stem and FINN's default mvau_wwidth_max. */
  public static HardwareEstimate estimate(
      Architecture arch,
      QuantSpec quant,
      InputShape input,
      int classes,
      Device device,
      double clockNs,
      FoldingGoal goal) {
    return estimate(
        arch,
        quant,
        input,
        classes,
        device,
        clockNs,
        goal,
        64,
        Stem.forInput(input),
        SetFolding.DEFAULT_MVAU_WWIDTH_MAX);
  }

  public static HardwareEstimate estimate(
      Architecture arch,
      QuantSpec quant,
      InputShape input,
      int classes,
      Device device,
      double clockNs,
      FoldingGoal goal,
      int width,
      Stem stem,
      int mvauWwidthMax) {
    if (!(clockNs > 0)) {
      throw new IllegalArgumentException("clock-ns = " + clockNs + ": must be > 0");
    }
    DspType dsp = device.dspType();
    HwGraph g = Lowering.lower(arch, quant, input, classes, dsp, width, stem);
    Resources budget = device.budget();
    ResourceAwareFolding.Result ra =
        ResourceAwareFolding.fold(
            g, dsp, budget, clockNs, goal.fitDevice() ? 0 : goal.targetFps(), mvauWwidthMax);
    HwReport report = Estimator.estimate(ra.graph(), dsp, clockNs);
    HwGraph sf;
    double sfTarget;
    if (goal.fitDevice()) {
      BestSetFolding best = bestFittingSetFolding(g, dsp, budget, clockNs, mvauWwidthMax);
      sf = best.graph;
      sfTarget = best.targetFps;
    } else {
      sfTarget = goal.targetFps();
      sf = SetFolding.apply(g, SetFolding.targetCycles(clockNs, sfTarget), mvauWwidthMax, true);
    }
    HwReport sfReport = Estimator.estimate(sf, dsp, clockNs);
    return new HardwareEstimate(
        arch.label(),
        quant.presetName(),
        input,
        classes,
        device,
        clockNs,
        goal,
        ra.graph(),
        report,
        budget,
        report.total().fitsIn(budget),
        ra.curve(),
        sfReport,
        sfReport.total().fitsIn(budget),
        sfTarget,
        FinnConfigs.foldingConfig(ra.graph()),
        FinnConfigs.foldingConfig(sf));
  }

  record BestSetFolding(HwGraph graph, double targetFps) {}

  /**
   * The fastest SetFolding design that fits the budget, found by bisection over the target cycles
   * (SetFolding's resources fall as the target rises, up to divisor effects, so the bisection finds
   * a fitting design near the largest achievable fps; the best fitting design seen is kept). If not
   * even the slowest target fits, that design is returned.
   */
  static BestSetFolding bestFittingSetFolding(
      HwGraph g, DspType dsp, Resources budget, double clockNs, int wmax) {
    long hi = 1;
    for (HwOp op : g.ops()) {
      hi = Math.max(hi, op.withFold(1, 1, false).cycles());
    }
    hi = hi * 2 + 2;
    long lo = 1;
    HwGraph best = null;
    long bestMax = Long.MAX_VALUE;
    long bestTarget = hi;
    HwGraph slowest = SetFolding.apply(g, hi, wmax, true);
    if (!total(slowest, dsp).fitsIn(budget)) {
      return new BestSetFolding(slowest, (1e9 / clockNs) / hi);
    }
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      HwGraph f = SetFolding.apply(g, mid, wmax, true);
      if (total(f, dsp).fitsIn(budget)) {
        long m = f.ops().stream().mapToLong(HwOp::cycles).max().orElse(0);
        if (m < bestMax) {
          bestMax = m;
          best = f;
          bestTarget = mid;
        }
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    if (best == null) {
      best = slowest;
      bestTarget = hi;
    }
    return new BestSetFolding(best, (1e9 / clockNs) / bestTarget);
  }

  static Resources total(HwGraph g, DspType dsp) {
    Resources t = Resources.ZERO;
    for (HwOp op : g.ops()) {
      t = t.plus(op.resources(dsp));
    }
    return t;
  }
}
