package io.nash.search.api;

import java.util.Arrays;

/**
 * One batch of samples as plain arrays: {@code features} holds {@code size} samples of {@code
 * sampleShape} (row-major, sample-major), {@code labels} one class per sample. Built on the
 * executor from a {@link SearchData}; never shipped. Immutable by convention: callers must not
 * mutate the arrays after construction (they are not copied, since batches are large and
 * short-lived).
 */
public final class Batch {
  private final float[] features;
  private final int[] labels;
  private final int[] sampleShape;

  public Batch(float[] features, int[] labels, int[] sampleShape) {
    int per = 1;
    for (int d : sampleShape) {
      if (d < 1) {
        throw new IllegalArgumentException(
            "batch sample shape "
                + Arrays.toString(sampleShape)
                + ": every dimension must be >= 1");
      }
      per *= d;
    }
    if (labels.length < 1 || features.length != per * labels.length) {
      throw new IllegalArgumentException(
          "batch of "
              + labels.length
              + " labels has "
              + features.length
              + " feature values: must be >= 1 sample and labels x "
              + per);
    }
    this.features = features;
    this.labels = labels;
    this.sampleShape = sampleShape.clone();
  }

  public float[] features() {
    return features;
  }

  public int[] labels() {
    return labels;
  }

  /** Shape of one sample, e.g. {@code [1, 28, 28]}; a copy. */
  public int[] sampleShape() {
    return sampleShape.clone();
  }

  public int size() {
    return labels.length;
  }

  /** Values per sample (product of the sample shape). */
  public int sampleLength() {
    return features.length / labels.length;
  }
}
