package io.nash.data;

import io.nash.space.ImageShape;
import io.nash.space.Seeds;
import java.util.SplittableRandom;

/**
 * A seeded synthetic image dataset whose classes a small network can learn: class {@code k} of
 * {@code K} is a sinusoidal grating at angle {@code pi*k/K} with {@code 2 + k % 3} cycles per
 * image, phase-shifted by {@code 2*pi*c/3} in channel {@code c}, plus a per-image brightness offset
 * (uniform in +-0.1) and per-pixel Gaussian noise (sd 0.1), clamped to [0,1]. Labels cycle {@code i
 * % K}, so every split is class-balanced in any prefix.
 *
 * <p>Deterministic in its {@link Params}: the train split draws from {@code Seeds.synthetic(seed,
 * 0)} and the test split from {@code Seeds.synthetic(seed, 1)}. Stateless and thread-safe.
 */
public final class SyntheticData {
  private SyntheticData() {}

  /**
   * What to generate.
   *
   * @param train training images
   * @param test test images
   * @param classes number of classes K
   * @param channels channels per image
   * @param size image height and width
   * @param seed the generator seed
   */
  public record Params(int train, int test, int classes, int channels, int size, long seed) {
    /** 512 train, 128 test, 10 classes of 1x28x28 (the shape of Fashion-MNIST), seed 0. */
    public static final Params DEFAULT = new Params(512, 128, 10, 1, 28, 0);

    public Params {
      require("train", train, 1);
      require("test", test, 1);
      require("classes", classes, 2);
      require("channels", channels, 1);
      require("size", size, 2);
    }

    private static void require(String key, int value, int min) {
      if (value < min) {
        throw new IllegalArgumentException(
            "synthetic " + key + " = " + value + ": must be >= " + min);
      }
    }
  }

  public static DataSplits generate(Params p) {
    return new DataSplits(
        split(p, p.train(), Seeds.synthetic(p.seed(), 0), "synthetic-train"),
        split(p, p.test(), Seeds.synthetic(p.seed(), 1), "synthetic-test"));
  }

  private static ImageDataset split(Params p, int n, long seed, String name) {
    ImageShape shape = new ImageShape(p.channels(), p.size(), p.size());
    float[][] templates = templates(p);
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[n * shape.size()];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      int k = i % p.classes();
      y[i] = k;
      float brightness = (float) (rng.nextDouble() * 0.2 - 0.1);
      float[] t = templates[k];
      int off = i * shape.size();
      for (int j = 0; j < t.length; j++) {
        float v = t[j] + brightness + (float) (0.1 * gaussian(rng));
        x[off + j] = Math.min(1f, Math.max(0f, v));
      }
    }
    return ImageDataset.wrap(name, shape, p.classes(), x, y);
  }

  /** The noise-free image of each class, CHW. */
  static float[][] templates(Params p) {
    int s = p.size();
    float[][] t = new float[p.classes()][p.channels() * s * s];
    for (int k = 0; k < p.classes(); k++) {
      double theta = Math.PI * k / p.classes();
      double cycles = 2 + k % 3;
      for (int c = 0; c < p.channels(); c++) {
        double phase = 2 * Math.PI * c / 3;
        for (int yy = 0; yy < s; yy++) {
          for (int xx = 0; xx < s; xx++) {
            double u = (xx * Math.cos(theta) + yy * Math.sin(theta)) / s;
            t[k][(c * s + yy) * s + xx] =
                (float) (0.5 + 0.3 * Math.sin(2 * Math.PI * cycles * u + phase));
          }
        }
      }
    }
    return t;
  }

  /** A standard normal draw (Box-Muller; one of the pair is discarded for simplicity). */
  private static double gaussian(SplittableRandom rng) {
    double u1 = 1.0 - rng.nextDouble(); // in (0, 1], keeps log finite
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
