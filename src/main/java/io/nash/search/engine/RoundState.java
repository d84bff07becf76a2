package io.nash.search.engine;

/**
 * The compact state sent to every task of a round: flat weights and alpha, one path seed per
 * partition, and the local learning rates. Plain arrays only (no model objects); weights may be
 * null in the small state whose weights travel apart (io.nash.transport.WeightPatch). Immutable by
 * convention: arrays are shared, not copied (they can be large), and nobody mutates them.
 * Serializable because the small state travels inside Spark task closures (Java serialization).
 */
public final class RoundState implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final int round;
  private final float[] weights;
  private final float[] alpha;
  private final long[] pathSeeds;
  private final float localWeightLr;
  private final float localAlphaLr;
  private final boolean archSteps;

  /**
   * @param archSteps false in a warm-up round: tasks run weight steps only
   */
  public RoundState(
      int round,
      float[] weights,
      float[] alpha,
      long[] pathSeeds,
      float localWeightLr,
      float localAlphaLr,
      boolean archSteps) {
    if (round < 0 || pathSeeds.length < 1) {
      throw new IllegalArgumentException(
          "round state round = " + round + ", " + pathSeeds.length + " seeds: need >= 0, >= 1");
    }
    this.round = round;
    this.weights = weights;
    this.alpha = alpha;
    this.pathSeeds = pathSeeds;
    this.localWeightLr = localWeightLr;
    this.localAlphaLr = localAlphaLr;
    this.archSteps = archSteps;
  }

  public int round() {
    return round;
  }

  public float[] weights() {
    return weights;
  }

  public float[] alpha() {
    return alpha;
  }

  public long[] pathSeeds() {
    return pathSeeds;
  }

  public float localWeightLr() {
    return localWeightLr;
  }

  public float localAlphaLr() {
    return localAlphaLr;
  }

  /** Whether the round runs architecture steps (false: a weight-only warm-up round). */
  public boolean archSteps() {
    return archSteps;
  }

  /**
   * This state with other weights (null: the small state a Spark round broadcasts, its weights
   * travelling apart as patches).
   */
  public RoundState withWeights(float[] w) {
    return new RoundState(round, w, alpha, pathSeeds, localWeightLr, localAlphaLr, archSteps);
  }

  /** Payload bytes on the wire (arrays plus scalars), for the benchmark's broadcast figure. */
  public long payloadBytes() {
    return (weights == null ? 0 : 4L * weights.length)
        + 4L * alpha.length
        + 8L * pathSeeds.length
        + 13;
  }
}
