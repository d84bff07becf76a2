package io.nash.search.api;

import io.nash.space.Genotype;
import java.util.List;

/**
 * Evaluates one candidate genotype with the supernet's inherited {@code weights}: re-estimates
 * normalisation statistics on {@code bnBatches} (training split), then measures loss and accuracy
 * on {@code validBatches}. Throwing marks that candidate failed; the stage goes on.
 */
public interface CandidateEvaluator {
  EvalResult evaluate(
      float[] weights,
      Genotype genotype,
      List<Batch> bnBatches,
      List<Batch> validBatches,
      Placement placement);
}
