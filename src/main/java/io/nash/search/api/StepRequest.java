package io.nash.search.api;

import java.util.List;

/**
 * What one task asks a {@link SearchModel} to do: starting from {@code weights} and {@code alpha}
 * (the round's broadcast state; never mutated), run {@code localSteps} NASH steps, step {@code s}
 * being an architecture step on {@code validBatches.get(s)} then a weight step on {@code
 * trainBatches.get(s)}. Path draws of step {@code s} use the seeds {@link
 * io.nash.space.Seeds#archPath(long, int)} and {@link io.nash.space.Seeds#weightPath(long, int)} of
 * {@code pathSeed}. With {@code localSteps > 1} the model updates its local copy with plain SGD at
 * {@code localWeightLr} / {@code localAlphaLr} between steps (local SGD). No {@code validBatches}
 * (an empty list): weight steps only, alpha fixed (a warm-up round). Immutable by convention
 * (arrays are shared, not copied).
 */
public record StepRequest(
    float[] weights,
    float[] alpha,
    int localSteps,
    List<Batch> validBatches,
    List<Batch> trainBatches,
    long pathSeed,
    float localWeightLr,
    float localAlphaLr,
    Placement placement) {

  public StepRequest {
    if (localSteps < 1) {
      throw new IllegalArgumentException("local-steps = " + localSteps + ": must be >= 1");
    }
    if ((validBatches.size() != localSteps && !validBatches.isEmpty())
        || trainBatches.size() != localSteps) {
      throw new IllegalArgumentException(
          "step request has "
              + validBatches.size()
              + " valid and "
              + trainBatches.size()
              + " train batches: need local-steps = "
              + localSteps
              + " of each (or no valid batches: weight steps only)");
    }
    validBatches = List.copyOf(validBatches);
    trainBatches = List.copyOf(trainBatches);
  }
}
