package io.nash.hw;

import io.nash.space.Architecture;
import io.nash.space.ImageShape;
import io.nash.space.QuantSpec;

/**
 * The design FINN's SetFolding gives a network for a target frame rate on a device, as the hardware
 * target of a search sees it: lowered ({@link Lowering}, the input's default stem, no trained
 * values), folded by {@link SetFolding} for the target cycles {@code (1e9 / clock) / fps} at the
 * given clock (FINN's default {@code mvau_wwidth_max}) and estimated ({@link Estimator}).
 * SetFolding folds each layer only as far as the target needs, so the design is the smallest one
 * for the target; a layer that cannot reach it even fully unfolded leaves the design slower. The
 * one cost path of the hardware term ({@link OpCostTable#cost}) and of the candidates' target
 * check. Immutable.
 *
 * @param device the device
 * @param targetFps the target frame rate
 * @param fps the design's frame rate (FINN's estimate: clock over the slowest layer's cycles)
 * @param total the design's resources
 */
public record TargetDesign(Device device, double targetFps, double fps, Resources total) {

  /**
   * The design of {@code arch} at {@code width} (stages w, 2w, 4w, 8w), clocked at {@code clockNs},
   * for {@code targetFps}.
   */
  public static TargetDesign of(
      Architecture arch,
      QuantSpec quant,
      ImageShape input,
      int classes,
      int width,
      Device device,
      double clockNs,
      double targetFps) {
    if (!(clockNs > 0)) {
      throw new IllegalArgumentException("clock-ns = " + clockNs + ": must be > 0");
    }
    DspType dsp = device.dspType();
    HwGraph g =
        Lowering.lower(
            arch, quant, input, classes, dsp, width, Stem.forInput(input), TrainedValues.NONE);
    HwGraph folded =
        SetFolding.apply(
            g,
            SetFolding.targetCycles(clockNs, targetFps),
            SetFolding.DEFAULT_MVAU_WWIDTH_MAX,
            true);
    HwReport r = Estimator.estimate(folded, dsp, clockNs);
    return new TargetDesign(device, targetFps, r.fps(), r.total());
  }

  /** The resources over the device budget ({@link Resources#normalizedCost}). */
  public double cost() {
    return total.normalizedCost(device.budget());
  }

  /** True if the design reaches the target frame rate and fits the device budget. */
  public boolean meets() {
    return fps >= targetFps && total.fitsIn(device.budget());
  }
}
