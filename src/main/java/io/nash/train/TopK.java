package io.nash.train;

/**
 * Top-k hits of logits against labels, in plain Java on a row-major (N, K) float array.
 *
 * <p>Ties are broken deterministically by class index, as a stable descending sort would: the rank
 * of the label is the number of classes with a strictly greater logit plus the number of classes
 * with an equal logit and a smaller index, and the prediction is a top-k hit when that rank is
 * below k. So with all logits equal, class 0 is the top-1 prediction. A NaN logit ranks below every
 * number; a NaN logit for the label itself is always a miss. Stateless and thread-safe.
 */
final class TopK {
  private TopK() {}

  /** Rank (0 = best) of class {@code label} in row {@code row} under the tie rule above. */
  public static int rank(float[] logits, int classes, int row, int label) {
    if (label < 0 || label >= classes) {
      throw new IllegalArgumentException("label = " + label + ": must be in [0, " + classes + ")");
    }
    int base = row * classes;
    float y = logits[base + label];
    if (Float.isNaN(y)) {
      return classes;
    }
    int rank = 0;
    for (int j = 0; j < classes; j++) {
      float v = logits[base + j];
      if (v > y || (v == y && j < label)) {
        rank++;
      }
    }
    return rank;
  }

  /**
   * Number of rows whose label ranks below {@code k}; {@code k} larger than the class count counts
   * every row with a non-NaN label logit.
   */
  public static int hits(float[] logits, int classes, int[] labels, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("top-k k = " + k + ": must be >= 1");
    }
    if (classes < 1 || logits.length != (long) labels.length * classes) {
      throw new IllegalArgumentException(
          logits.length
              + " logits for "
              + labels.length
              + " labels and "
              + classes
              + " classes: must be labels * classes");
    }
    int n = 0;
    for (int i = 0; i < labels.length; i++) {
      if (rank(logits, classes, i, labels[i]) < k) {
        n++;
      }
    }
    return n;
  }
}
