package io.nash.search.dist;

/**
 * Settings of one-shot candidate evaluation: BatchNorm re-estimation on {@code bnBatches} training
 * batches (seeded), then loss/accuracy over the first {@code validSamples} validation samples (0 =
 * all) in batches of {@code batchSize}. Immutable.
 */
public record EvalSettings(int bnBatches, int batchSize, int validSamples, long seed)
    implements java.io.Serializable {
  public EvalSettings {
    if (bnBatches < 0 || batchSize < 1 || validSamples < 0) {
      throw new IllegalArgumentException(
          "nash.candidates.bn-batches = "
              + bnBatches
              + ", batch-size = "
              + batchSize
              + ", valid-samples = "
              + validSamples
              + ": need >= 0, >= 1, >= 0");
    }
  }
}
