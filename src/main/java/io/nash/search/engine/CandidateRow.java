package io.nash.search.engine;

import java.util.Objects;

/**
 * One row of the candidates table: the candidate, its status ({@code ok} or {@code failed}), its
 * one-shot validation accuracy and loss (NaN when failed), the samples evaluated, the error of a
 * failed evaluation ({@code ""} when ok) and the time it took. Immutable.
 */
public record CandidateRow(
    String id,
    String source,
    String genotype,
    String genotypeJson,
    double logProb,
    String status,
    double accuracy,
    double loss,
    long samples,
    String error,
    long millis) {

  public CandidateRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(genotypeJson, "genotypeJson");
    if (!"ok".equals(status) && !"failed".equals(status)) {
      throw new IllegalArgumentException("candidate status = '" + status + "': ok or failed");
    }
    error = error == null ? "" : error;
  }

  public boolean ok() {
    return "ok".equals(status);
  }
}
