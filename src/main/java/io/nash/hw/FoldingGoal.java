package io.nash.hw;

/**
 * What the folding aims for: a target frame rate (FINN's {@code target_fps}) or the fastest design
 * that fits the device budget. Immutable.
 */
public record FoldingGoal(double targetFps, boolean fitDevice) {
  public FoldingGoal {
    if (fitDevice == (targetFps > 0)) {
      throw new IllegalArgumentException(
          "folding goal: give exactly one of target-fps (> 0, got "
              + targetFps
              + ") or fit-device");
    }
  }

  public static FoldingGoal ofTargetFps(double fps) {
    if (!(fps > 0)) {
      throw new IllegalArgumentException("target-fps = " + fps + ": must be > 0");
    }
    return new FoldingGoal(fps, false);
  }

  public static FoldingGoal ofFitDevice() {
    return new FoldingGoal(0, true);
  }

  @Override
  public String toString() {
    return fitDevice ? "fit-device" : "target-fps " + targetFps;
  }
}
