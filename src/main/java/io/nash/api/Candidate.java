package io.nash.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.nash.store.CandidateTarget;
import java.io.IOException;

/**
 * One row of the candidates table ({@code candidates.json}): a genotype picked from the final alpha
 * and its one-shot evaluation with the inherited supernet weights. Immutable.
 *
 * @param id candidate id, the key of its folder in the store
 * @param source how it was picked: {@code argmax}, {@code top-k} or {@code sample}
 * @param genotype the genotype in compact form
 * @param genotypeJson the genotype as JSON (what {@code nash genotype} and retraining read)
 * @param logProb log-probability of the genotype under softmax(alpha)
 * @param status {@code ok} or {@code failed}
 * @param accuracy one-shot validation accuracy in [0, 1], null when failed
 * @param loss one-shot validation loss, null when failed
 * @param samples validation images evaluated
 * @param error why the evaluation failed ({@code ""} when ok)
 * @param millis time the evaluation took
 * @param meetsTarget whether the candidate's SetFolding design reaches the run's hardware target
 *     within the device budget ({@code nash.candidates.hw.require-target} mark or drop); null when
 *     the run has no target
 * @param targetDevice the target's device (null without a target)
 * @param targetFps the target's frame rate (null without a target)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Candidate(
    @JsonProperty("id") String id,
    @JsonProperty("source") String source,
    @JsonProperty("genotype") String genotype,
    @JsonProperty("genotype_json") @JsonDeserialize(using = RawJson.class) String genotypeJson,
    @JsonProperty("log_prob") double logProb,
    @JsonProperty("status") String status,
    @JsonProperty("accuracy") Double accuracy,
    @JsonProperty("loss") Double loss,
    @JsonProperty("samples") long samples,
    @JsonProperty("error") String error,
    @JsonProperty("millis") long millis,
    @JsonProperty(CandidateTarget.MEETS) Boolean meetsTarget,
    @JsonProperty(CandidateTarget.DEVICE) String targetDevice,
    @JsonProperty(CandidateTarget.TARGET_FPS) Double targetFps) {

  /** True if the one-shot evaluation succeeded. */
  public boolean ok() {
    return "ok".equals(status);
  }

  /** Reads a JSON value (the table stores the genotype as an object) as its JSON text. */
  static final class RawJson extends JsonDeserializer<String> {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      return p.readValueAsTree().toString();
    }
  }
}
