package io.nash.train;

/**
 * The learning rate at a training step. Cosine anneals per step from lr at step 0 to 0 at the last
 * step (torch's CosineAnnealingLR with T_max = all steps, eta_min = 0, stepped per batch, so short
 * runs still anneal); step multiplies by gamma every stepSize epochs; constant keeps lr. Stateless.
 */
final class LrSchedule {
  private LrSchedule() {}

  /**
   * @param step global step (0-based) of the batch about to be applied
   * @param epoch epoch (0-based) of that batch
   * @param totalSteps steps of the whole run
   */
  public static double at(TrainSettings s, long step, int epoch, long totalSteps) {
    return switch (s.schedule()) {
      case CONSTANT -> s.lr();
      case STEP -> s.lr() * Math.pow(s.stepGamma(), epoch / s.stepSize());
      case COSINE -> 0.5 * s.lr() * (1 + Math.cos(Math.PI * step / Math.max(1, totalSteps)));
    };
  }
}
