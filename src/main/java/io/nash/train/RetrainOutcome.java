package io.nash.train;

import java.util.Objects;

/**
 * What retraining one candidate gave: "ok" with its test top-1/top-5 and epochs, or "failed" with
 * the error (the stage goes on; a resume retries it). Travels back to the driver (Kryo serializer
 * in {@code io.nash.spark}). Immutable.
 *
 * @param top5 null when the dataset has fewer than 5 classes, and for failures
 */
public record RetrainOutcome(
    String candidateId,
    String status,
    Double top1,
    Double top5,
    int epochs,
    String error,
    long millis) {
  public RetrainOutcome {
    Objects.requireNonNull(candidateId, "candidateId");
    if (!status.equals("ok") && !status.equals("failed")) {
      throw new IllegalArgumentException("status = " + status + ": must be ok or failed");
    }
    error = error == null ? "" : error;
  }

  public boolean ok() {
    return status.equals("ok");
  }
}
