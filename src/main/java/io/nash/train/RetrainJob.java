package io.nash.train;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One retraining unit of a run: a candidate's architecture (space JSON, the baseline included) and
 * the run's settings as strings, enough for any JVM to train it from scratch ({@link
 * CandidateRetraining}). Travels to executors (Kryo serializer in {@code io.nash.spark}).
 * Immutable.
 */
public record RetrainJob(
    String runId, String candidateId, String architectureJson, Map<String, String> settings) {
  public RetrainJob {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(candidateId, "candidateId");
    Objects.requireNonNull(architectureJson, "architectureJson");
    settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
  }
}
