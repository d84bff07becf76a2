package io.nash.data;

/**
 * The NASH search split of a training set (nash-method.md section 2): the first {@code
 * floor(trainPortion * n)} images train the supernet weights, the rest train the architecture
 * parameters alpha.
 *
 * <p>As in the reference (DARTS-style {@code indices[:split]} / {@code indices[split:]}), the split
 * itself is not shuffled: it follows the dataset's order; each half is then shuffled per epoch when
 * batched ({@link ImageDataset#batches}). Immutable.
 *
 * @param weights the weight-training half (the first portion)
 * @param alpha the architecture-training half (the rest)
 */
public record SearchSplit(ImageDataset weights, ImageDataset alpha) {
  /** The reference's default train_portion. */
  public static final double DEFAULT_TRAIN_PORTION = 0.5;

  /** Splits {@code train} at {@code floor(trainPortion * n)}. */
  public static SearchSplit of(ImageDataset train, double trainPortion) {
    int split = splitIndex(train.size(), trainPortion);
    return new SearchSplit(
        train.range(0, split).renamed(train.name() + "-weights"),
        train.range(split, train.size()).renamed(train.name() + "-alpha"));
  }

  /**
   * {@code floor(trainPortion * n)}; both halves must be non-empty.
   *
   * @throws IllegalArgumentException if the portion is outside (0, 1) or a half would be empty
   */
  public static int splitIndex(int n, double trainPortion) {
    if (!(trainPortion > 0 && trainPortion < 1)) {
      throw new IllegalArgumentException(
          "nash.search.train-portion = " + trainPortion + ": must be in (0, 1)");
    }
    int split = (int) Math.floor(trainPortion * n);
    if (split < 1 || split >= n) {
      throw new IllegalArgumentException(
          "nash.search.train-portion = "
              + trainPortion
              + " on "
              + n
              + " training images gives an empty half (split at "
              + split
              + "): need more images or another portion");
    }
    return split;
  }
}
