package io.nash.search.api;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link SearchModel} returns for one {@link StepRequest}. With {@code localSteps = 1}:
 * {@code weightUpdates} holds, for every weight tensor the sampled path touched (by tensor index of
 * the {@link ParamLayout}), the gradient of the batch's mean loss, and {@code alphaUpdate} the
 * gradient of the validation batch's mean loss for alpha. With {@code localSteps > 1}: the same
 * maps hold deltas {@code local final - start}. Untouched tensors are absent (zero). The loss and
 * correct counts are sums over the samples of all local steps. A weight-only request (warm-up: no
 * validation batches) returns no {@code alphaUpdate} (null) and no validation samples. Immutable by
 * convention.
 */
public record StepResult(
    Map<Integer, float[]> weightUpdates,
    float[] alphaUpdate,
    double trainLossSum,
    long trainCorrect,
    long trainSamples,
    double validLossSum,
    long validCorrect,
    long validSamples) {

  public StepResult {
    weightUpdates = java.util.Collections.unmodifiableMap(new TreeMap<>(weightUpdates));
    if (trainSamples < 1 || validSamples < 0 || (validSamples == 0) != (alphaUpdate == null)) {
      throw new IllegalArgumentException(
          "step result samples = "
              + trainSamples
              + "/"
              + validSamples
              + (alphaUpdate == null ? " without" : " with")
              + " an alpha update: need >= 1 train samples, and valid samples exactly when alpha"
              + " has an update");
    }
  }
}
