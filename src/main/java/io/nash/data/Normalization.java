package io.nash.data;

import io.nash.space.ImageShape;
import java.util.Arrays;

/**
 * Per-channel normalization {@code (x - mean[c]) / std[c]}, with the standard constants of the
 * datasets this engine reads, or statistics fitted on a training set. Immutable, thread-safe.
 */
public final class Normalization implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Fashion-MNIST training-set statistics (pixel values in [0,1]). */
  public static final Normalization FASHION_MNIST =
      of(new float[] {0.2860f}, new float[] {0.3530f});

  /** MNIST training-set statistics. */
  public static final Normalization MNIST = of(new float[] {0.1307f}, new float[] {0.3081f});

  /** CIFAR-10 training-set statistics as the DARTS/NASH reference code uses them. */
  public static final Normalization CIFAR10 =
      of(
          new float[] {0.49139968f, 0.48215827f, 0.44653124f},
          new float[] {0.24703233f, 0.24348505f, 0.26158768f});

  /** ImageNet statistics (torchvision). */
  public static final Normalization IMAGENET =
      of(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

  private final float[] mean;
  private final float[] std;

  private Normalization(float[] mean, float[] std) {
    if (mean.length == 0 || mean.length != std.length) {
      throw new IllegalArgumentException(
          "normalization with "
              + mean.length
              + " means and "
              + std.length
              + " stds: need one of each per channel");
    }
    for (int c = 0; c < std.length; c++) {
      if (!(std[c] > 0) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
        throw new IllegalArgumentException(
            "normalization channel "
                + c
                + ": mean = "
                + mean[c]
                + ", std = "
                + std[c]
                + ": std must be finite and > 0, mean finite");
      }
    }
    this.mean = mean;
    this.std = std;
  }

  public static Normalization of(float[] mean, float[] std) {
    return new Normalization(mean.clone(), std.clone());
  }

  /**
   * The standard constants for a dataset kind ("fashion-mnist", "mnist", "cifar10", "imagenet"), or
   * null if there are none (fit them on the training set instead).
   */
  public static Normalization standard(String datasetKind) {
    return switch (datasetKind) {
      case "fashion-mnist" -> FASHION_MNIST;
      case "mnist" -> MNIST;
      case "cifar10" -> CIFAR10;
      case "imagenet", "imagefolder" -> IMAGENET;
      default -> null;
    };
  }

  /**
   * Per-channel mean and population standard deviation (divide by the count) over every pixel of
   * {@code train}, accumulated in double. A channel with zero spread gets std 1.
   */
  public static Normalization fit(ImageDataset train) {
    ImageShape s = train.shape();
    int channels = s.channels();
    int plane = s.planeSize();
    double[] sum = new double[channels];
    double[] sumSq = new double[channels];
    float[] x = train.images(); // read only
    for (int i = 0; i < train.size(); i++) {
      for (int c = 0; c < channels; c++) {
        int off = (i * channels + c) * plane;
        double a = 0;
        double b = 0;
        for (int k = 0; k < plane; k++) {
          double v = x[off + k];
          a += v;
          b += v * v;
        }
        sum[c] += a;
        sumSq[c] += b;
      }
    }
    double count = (double) train.size() * plane;
    if (count == 0) {
      throw new IllegalArgumentException("cannot fit normalization on empty " + train.name());
    }
    float[] mean = new float[channels];
    float[] std = new float[channels];
    for (int c = 0; c < channels; c++) {
      double m = sum[c] / count;
      double var = Math.max(0, sumSq[c] / count - m * m);
      mean[c] = (float) m;
      std[c] = var > 0 ? (float) Math.sqrt(var) : 1f;
    }
    return new Normalization(mean, std);
  }

  public int channels() {
    return mean.length;
  }

  public float[] mean() {
    return mean.clone();
  }

  public float[] std() {
    return std.clone();
  }

  /** What a 0 pixel becomes after normalization, per channel: {@code -mean/std}. */
  public float[] zeroPixel() {
    float[] z = new float[mean.length];
    for (int c = 0; c < z.length; c++) {
      z[c] = -mean[c] / std[c];
    }
    return z;
  }

  /** Normalizes {@code count} NCHW images of {@code shape} in {@code x}, in place. */
  public void applyInPlace(float[] x, int count, ImageShape shape) {
    if (shape.channels() != mean.length) {
      throw new IllegalArgumentException(
          "normalization for " + mean.length + " channels applied to " + shape + " images");
    }
    int plane = shape.planeSize();
    for (int i = 0; i < count; i++) {
      for (int c = 0; c < mean.length; c++) {
        int off = (i * mean.length + c) * plane;
        float m = mean[c];
        float inv = 1f / std[c];
        for (int k = off; k < off + plane; k++) {
          x[k] = (x[k] - m) * inv;
        }
      }
    }
  }

  /** Normalizes a batch in place. */
  public void applyInPlace(Batch batch) {
    applyInPlace(batch.x(), batch.size(), batch.shape());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalization n && Arrays.equals(n.mean, mean) && Arrays.equals(n.std, std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Normalization{mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "}";
  }
}
