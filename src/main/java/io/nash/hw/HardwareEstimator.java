package io.nash.hw;

import io.nash.space.Architecture;
import io.nash.space.ImageShape;
import io.nash.space.QuantSpec;

/**
 * The one-call API of the synthesis stage: lower a candidate, fold it with our resource-aware
 * folding and with FINN's SetFolding, and estimate both with FINN's formulas. Stateless;
 * thread-safe.
 */
public final class HardwareEstimator {
  private HardwareEstimator() {}

  /**
   * With width 64, the input's default stem, FINN's default mvau_wwidth_max and no trained values
   * (data-dependent widths take their worst case, an upper bound).
   */
  public static HardwareEstimate estimate(
      Architecture arch,
      QuantSpec quant,
      ImageShape input,
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
        SetFolding.DEFAULT_MVAU_WWIDTH_MAX,
        TrainedValues.NONE);
  }

  /**
   * The estimate of {@code arch} with the widths FINN derives from the trained {@code values}
   * ({@link Lowering#lower(Architecture, QuantSpec, ImageShape, int, DspType, int, Stem,
   * TrainedValues)}). {@code mvauWwidthMax} bounds SetFolding's weight streams only (the
   * comparison, as FINN runs it); our folding treats the stream width as a cost ({@link
   * ResourceAwareFolding}).
   */
  public static HardwareEstimate estimate(
      Architecture arch,
      QuantSpec quant,
      ImageShape input,
      int classes,
      Device device,
      double clockNs,
      FoldingGoal goal,
      int width,
      Stem stem,
      int mvauWwidthMax,
      TrainedValues values) {
    if (!(clockNs > 0)) {
      throw new IllegalArgumentException("clock-ns = " + clockNs + ": must be > 0");
    }
    DspType dsp = device.dspType();
    HwGraph g = Lowering.lower(arch, quant, input, classes, dsp, width, stem, values);
    Resources budget = device.budget();
    ResourceAwareFolding.Result ra =
        ResourceAwareFolding.fold(g, dsp, budget, clockNs, goal.fitDevice() ? 0 : goal.targetFps());
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
   * The fastest SetFolding design that fits the budget, found by bisection over log(target cycles)
   * to 1 % (SetFolding's resources fall as the target rises, up to divisor effects; the fastest
   * fitting design seen is kept). If not even the slowest target fits, that design is returned.
   */
  static BestSetFolding bestFittingSetFolding(
      HwGraph g, DspType dsp, Resources budget, double clockNs, int wmax) {
    HwOp[] base = g.ops().toArray(new HwOp[0]);
    int[] producer = SetFolding.windowProducers(g);
    long slowTarget = 1;
    for (HwOp op : base) {
      slowTarget = Math.max(slowTarget, op.withFold(1, 1, false).cycles() + 1);
    }
    HwOp[] slowest = SetFolding.foldOps(base, producer, slowTarget, wmax, true);
    if (!total(slowest, dsp).fitsIn(budget)) {
      return new BestSetFolding(
          g.withOps(java.util.List.of(slowest)), (1e9 / clockNs) / slowTarget);
    }
    HwOp[] best = slowest;
    long bestMax = maxCycles(slowest);
    long bestTarget = slowTarget;
    double lo = 0; // log of a target known (or assumed) not to fit
    double hi = Math.log(slowTarget); // log of a target that fits
    while (hi - lo > 0.01) {
      double mid = (lo + hi) / 2;
      long t = Math.max(1, (long) Math.exp(mid));
      HwOp[] f = SetFolding.foldOps(base, producer, t, wmax, true);
      if (total(f, dsp).fitsIn(budget)) {
        long m = maxCycles(f);
        if (m < bestMax) {
          bestMax = m;
          best = f;
          bestTarget = t;
        }
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return new BestSetFolding(g.withOps(java.util.List.of(best)), (1e9 / clockNs) / bestTarget);
  }

  private static long maxCycles(HwOp[] ops) {
    long m = 0;
    for (HwOp o : ops) {
      m = Math.max(m, o.cycles());
    }
    return m;
  }

  static Resources total(HwOp[] ops, DspType dsp) {
    Resources t = Resources.ZERO;
    for (HwOp op : ops) {
      t = t.plus(op.resources(dsp));
    }
    return t;
  }
}
