package io.nash.data;

/**
 * A dataset's train and test splits, as read from disk or generated. Immutable.
 *
 * @param train the training split (the search further splits it, see {@link SearchSplit})
 * @param test the held-out test split
 */
public record DataSplits(ImageDataset train, ImageDataset test) {
  public DataSplits {
    if (!train.shape().equals(test.shape()) || train.numClasses() != test.numClasses()) {
      throw new IllegalArgumentException(
          "train " + train + " and test " + test + ": must have the same shape and classes");
    }
  }

  /** Both splits cut to at most {@code trainLimit} and {@code testLimit} images. */
  public DataSplits limit(int trainLimit, int testLimit) {
    return new DataSplits(train.limit(trainLimit), test.limit(testLimit));
  }

  /** Both splits zero-padded to {@code size x size} (see {@link ImageDataset#padTo}). */
  public DataSplits padTo(int size) {
    return new DataSplits(train.padTo(size), test.padTo(size));
  }

  /** Both splits normalized with the same statistics. */
  public DataSplits normalized(Normalization norm) {
    return new DataSplits(train.normalized(norm), test.normalized(norm));
  }
}
