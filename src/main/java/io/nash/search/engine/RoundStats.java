package io.nash.search.engine;

/**
 * What one round did and cost. Times in nanoseconds: {@code wall} for the whole round, {@code
 * engine} for the task stage (broadcast, tasks, aggregation), {@code apply} for the driver's
 * averaging and optimizer steps, {@code compute} summed over tasks (inside the model) and its
 * maximum, {@code task} the tasks' whole executor-function time summed (0 if not measured). {@code
 * validLoss} and {@code validAccuracy} are NaN in a weight-only warm-up round. {@code
 * skippedArchSteps} / {@code skippedWeightSteps} are 1 when that half of the round's averaged
 * update held a non-finite value and was not applied (see {@link SearchDriver}), else 0. {@code
 * hwCost} is E_alpha[cost] of the hardware term at the round's alpha (NaN without one). Immutable.
 */
public record RoundStats(
    int round,
    int rounds,
    double trainLoss,
    double trainAccuracy,
    double validLoss,
    double validAccuracy,
    long images,
    long wallNanos,
    long engineNanos,
    long applyNanos,
    long computeNanos,
    long maxComputeNanos,
    long taskNanos,
    int tasks,
    int slots,
    long broadcastBytes,
    long resultBytes,
    int touchedTensors,
    double weightLr,
    int skippedArchSteps,
    int skippedWeightSteps,
    double hwCost) {

  /** A weight-only warm-up round: no architecture step, so the validation figures are NaN. */
  public boolean warmup() {
    return Double.isNaN(validLoss);
  }

  public double imagesPerSecond() {
    return images / (wallNanos / 1e9);
  }

  /**
   * Share of the round's wall time not spent computing in tasks: {@code 1 - (compute / slots) /
   * wall}, the compute spread over the slots that run in parallel.
   */
  public double overheadShare() {
    double busy = (double) computeNanos / Math.max(1, Math.min(slots, tasks));
    return 1 - busy / wallNanos;
  }
}
