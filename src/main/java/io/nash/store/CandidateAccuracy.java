package io.nash.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * The retrained accuracy of one candidate: {@code runs/<run>/candidates/<cand>/accuracy.json},
 * written by the retraining stage, read by the synthesis stage (which prefers it to the one-shot
 * accuracy of the candidates table). One place defines the file name and schema. Immutable and
 * thread-safe.
 *
 * <pre>{"schema": 1, "top1": 0.912, "top5": 0.995, "epochs": 30, "quant": "nash-paper"}</pre>
 *
 * @param schema always {@link #SCHEMA}
 * @param top1 top-1 test accuracy as a fraction in [0, 1]
 * @param top5 top-5 test accuracy in [0, 1], or null when not measured (fewer than 5 classes)
 * @param epochs retraining epochs, or null
 * @param quant quantization preset of the retrained network, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CandidateAccuracy(
    @JsonProperty("schema") int schema,
    @JsonProperty("top1") double top1,
    @JsonProperty("top5") Double top5,
    @JsonProperty("epochs") Integer epochs,
    @JsonProperty("quant") String quant) {

  public static final int SCHEMA = 1;

  /** File name inside the candidate folder. */
  public static final String FILE = "accuracy.json";

  public CandidateAccuracy {
    if (schema != SCHEMA) {
      throw new IllegalArgumentException(
          "accuracy.json schema = " + schema + ": must be " + SCHEMA);
    }
    checkFraction("top1", top1);
    if (top5 != null) {
      checkFraction("top5", top5);
    }
    if (epochs != null && epochs < 0) {
      throw new IllegalArgumentException("accuracy.json epochs = " + epochs + ": must be >= 0");
    }
  }

  private static void checkFraction(String key, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(
          "accuracy.json " + key + " = " + v + ": must be a fraction in [0, 1]");
    }
  }

  /** Store-relative path of a candidate's accuracy file. */
  public static String path(String runId, String candidateId) {
    return RunLayout.candidate(runId, candidateId) + "/" + FILE;
  }

  /** The retrained accuracy, or empty if absent (or corrupt: the store warns and skips it). */
  public static Optional<CandidateAccuracy> read(Store store, String runId, String candidateId) {
    return store.getJson(path(runId, candidateId), CandidateAccuracy.class);
  }

  /** Writes the file (atomically; the retraining stage's writer). */
  public void write(Store store, String runId, String candidateId) {
    store.putJson(path(runId, candidateId), this);
  }
}
