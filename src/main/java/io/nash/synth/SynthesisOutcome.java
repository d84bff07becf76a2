package io.nash.synth;

import java.util.Objects;

/**
 * What a synthesis task did for one (candidate, device): committed a new unit, found it already
 * committed before doing any work ({@link Action#SKIPPED}), or lost a commit race to another
 * attempt ({@link Action#ALREADY_COMMITTED}). Travels back to the driver (Kryo serializer in {@code
 * io.nash.spark}). Immutable.
 *
 * @param status "ok" or "failed" for a unit this task committed, "" otherwise
 */
public record SynthesisOutcome(
    String candidateId, String device, Action action, String status, long millis) {

  /** What happened to the unit. */
  public enum Action {
    COMMITTED,
    SKIPPED,
    ALREADY_COMMITTED
  }

  public SynthesisOutcome {
    Objects.requireNonNull(candidateId, "candidateId");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(action, "action");
    status = status == null ? "" : status;
  }
}
