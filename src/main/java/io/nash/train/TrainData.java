package io.nash.train;

import io.nash.data.DataSplits;
import io.nash.data.DatasetSpec;
import io.nash.data.ImageDataset;
import io.nash.data.Normalization;
import io.nash.space.ImageShape;

/**
 * The normalized train and test splits of a run and the normalization used (the dataset's standard
 * constants, or statistics fitted on the training split when it has none), which checkpoints record
 * so evaluation applies the same. Immutable and thread-safe.
 */
public record TrainData(ImageDataset train, ImageDataset test, Normalization norm) {

  /** Loads {@code s.data()}, keeps the first train/test-limit images (0 = all) and normalizes. */
  public static TrainData load(TrainSettings s) {
    DatasetSpec spec = DatasetSpec.parse(s.data());
    DataSplits d = spec.load();
    d =
        d.limit(
            s.trainLimit() == 0 ? Integer.MAX_VALUE : s.trainLimit(),
            s.testLimit() == 0 ? Integer.MAX_VALUE : s.testLimit());
    Normalization norm =
        spec.standardNormalization() != null
            ? spec.standardNormalization()
            : Normalization.fit(d.train());
    return of(d, norm);
  }

  /** The splits normalized with {@code norm}. */
  public static TrainData of(DataSplits raw, Normalization norm) {
    DataSplits n = raw.normalized(norm);
    return new TrainData(n.train(), n.test(), norm);
  }

  /** The network input shape of these images. */
  public ImageShape inputShape() {
    return train.shape();
  }

  public int classes() {
    return train.numClasses();
  }
}
