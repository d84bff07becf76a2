package io.nash.synth;

import io.nash.store.RunLayout;
import java.util.Objects;

/**
 * One unit of synthesis work: a candidate's architecture on one device, with the accuracy its
 * result row will carry. Travels to executors (Kryo serializer in {@code io.nash.spark}).
 * Immutable.
 *
 * @param architectureJson genotype JSON, or {@code {"backbone":..,"version":"baseline"}}
 * @param top1 accuracy for the row (fraction), or null when unknown
 * @param top5 retrained top-5, or null
 * @param accuracySource "retrained", "one-shot" or "none"
 */
public record SynthesisJob(
    String runId,
    String candidateId,
    String architectureJson,
    String device,
    Double top1,
    Double top5,
    String accuracySource) {

  public SynthesisJob {
    RunLayout.checkId("run id", runId);
    RunLayout.checkId("candidate id", candidateId);
    RunLayout.checkId("device", device);
    Objects.requireNonNull(architectureJson, "architectureJson");
    Objects.requireNonNull(accuracySource, "accuracySource");
  }

  /** Store-relative folder of this job's committed unit. */
  public String unitDir() {
    return RunLayout.hw(runId, candidateId, device);
  }
}
