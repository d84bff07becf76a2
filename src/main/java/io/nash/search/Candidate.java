package io.nash.search;

import io.nash.search.engine.CandidateRequest;
import io.nash.space.Genotype;
import io.nash.space.SpaceJson;
import java.util.Objects;

/**
 * A genotype picked for evaluation, with where it came from ({@code argmax}, {@code top-3}, {@code
 * sample-7}) and its log-probability under the final alpha (sum over nodes of the log of the chosen
 * op's probability on the chosen edge). Immutable.
 */
public record Candidate(String id, String source, Genotype genotype, double logProb) {
  public Candidate {
    Objects.requireNonNull(genotype, "genotype");
    if (id == null || id.isBlank() || source == null || source.isBlank()) {
      throw new IllegalArgumentException(
          "candidate id/source = '" + id + "'/'" + source + "': both required");
    }
  }

  /**
   * This candidate as a {@link io.nash.search.engine.CandidateEngine} takes it (genotype as JSON).
   */
  public CandidateRequest request() {
    return new CandidateRequest(id, source, SpaceJson.genotypeJson(genotype), logProb);
  }
}
