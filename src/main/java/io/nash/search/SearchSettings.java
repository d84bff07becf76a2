package io.nash.search;

import io.nash.space.Backbone;
import io.nash.space.NashVersion;
import java.util.Objects;

/**
 * Every setting of a NASH search (nash-method.md section 2), with the paper's values as defaults
 * ({@link #defaults()}). Validated at construction; a bad value fails with its key, the value and
 * what is allowed ("nash.search.batch-size = 0: must be >= 1"). Immutable.
 *
 * @param trainLimit use only the first {@code trainLimit} training images (0 = all)
 * @param weightLrMin the floor of the cosine schedule (0 in the paper)
 */
public record SearchSettings(
    Backbone backbone,
    NashVersion version,
    int width,
    int epochs,
    int batchSize,
    double weightLr,
    double weightLrMin,
    double momentum,
    double weightDecay,
    double gradClip,
    double archLr,
    double archBeta1,
    double archBeta2,
    double archWeightDecay,
    double archEps,
    double trainPortion,
    int trainLimit,
    long seed) {

  public SearchSettings {
    Objects.requireNonNull(backbone, "nash.search.backbone");
    Objects.requireNonNull(version, "nash.search.version");
    atLeast("nash.search.width", width, 1);
    atLeast("nash.search.epochs", epochs, 1);
    atLeast("nash.search.batch-size", batchSize, 1);
    positive("nash.search.weight-lr", weightLr);
    range("nash.search.weight-lr-min", weightLrMin, 0, weightLr);
    range("nash.search.momentum", momentum, 0, 0.999999);
    range("nash.search.weight-decay", weightDecay, 0, 1);
    positive("nash.search.grad-clip", gradClip);
    positive("nash.search.arch-lr", archLr);
    range("nash.search.arch-beta1", archBeta1, 0, 0.999999);
    range("nash.search.arch-beta2", archBeta2, 0, 0.999999);
    range("nash.search.arch-weight-decay", archWeightDecay, 0, 1);
    positive("nash.search.arch-eps", archEps);
    if (!(trainPortion > 0 && trainPortion < 1)) {
      throw new IllegalArgumentException(
          "nash.search.train-portion = " + trainPortion + ": must be > 0 and < 1");
    }
    atLeast("nash.search.train-limit", trainLimit, 0);
  }

  /** The paper's settings: ResNet18, V1, width 64, 200 epochs, batch 64, seed 2. */
  public static SearchSettings defaults() {
    return new SearchSettings(
        Backbone.RESNET18,
        NashVersion.V1,
        64,
        200,
        64,
        0.025,
        0.0,
        0.9,
        3e-4,
        5.0,
        3e-4,
        0.0,
        0.999,
        1e-3,
        1e-8,
        0.5,
        0,
        2);
  }

  /** The weight learning rate of epoch {@code epoch} (0-based): cosine from weightLr to the min. */
  public double weightLrAt(int epoch) {
    return weightLrMin + (weightLr - weightLrMin) * (1 + Math.cos(Math.PI * epoch / epochs)) / 2;
  }

  /** A builder starting from these settings (validation happens in {@link Builder#build()}). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.backbone = backbone;
    b.version = version;
    b.width = width;
    b.epochs = epochs;
    b.batchSize = batchSize;
    b.weightLr = weightLr;
    b.weightLrMin = weightLrMin;
    b.momentum = momentum;
    b.weightDecay = weightDecay;
    b.gradClip = gradClip;
    b.archLr = archLr;
    b.archBeta1 = archBeta1;
    b.archBeta2 = archBeta2;
    b.archWeightDecay = archWeightDecay;
    b.archEps = archEps;
    b.trainPortion = trainPortion;
    b.trainLimit = trainLimit;
    b.seed = seed;
    return b;
  }

  /** Shorthand: backbone, version and width. */
  public SearchSettings withBackbone(Backbone b, NashVersion v, int w) {
    return toBuilder().backbone(b).version(v).width(w).build();
  }

  /** Shorthand: epochs, batch size, train limit and seed. */
  public SearchSettings withRun(int epochs, int batchSize, int trainLimit, long seed) {
    return toBuilder()
        .epochs(epochs)
        .batchSize(batchSize)
        .trainLimit(trainLimit)
        .seed(seed)
        .build();
  }

  public SearchSettings withWeightLr(double lr) {
    return toBuilder().weightLr(lr).build();
  }

  public SearchSettings withArchLr(double lr) {
    return toBuilder().archLr(lr).build();
  }

  /** Mutable builder of {@link SearchSettings}; not thread-safe. */
  public static final class Builder {
    private Backbone backbone;
    private NashVersion version;
    private int width;
    private int epochs;
    private int batchSize;
    private double weightLr;
    private double weightLrMin;
    private double momentum;
    private double weightDecay;
    private double gradClip;
    private double archLr;
    private double archBeta1;
    private double archBeta2;
    private double archWeightDecay;
    private double archEps;
    private double trainPortion;
    private int trainLimit;
    private long seed;

    public Builder backbone(Backbone v) {
      this.backbone = v;
      return this;
    }

    public Builder version(NashVersion v) {
      this.version = v;
      return this;
    }

    public Builder width(int v) {
      this.width = v;
      return this;
    }

    public Builder epochs(int v) {
      this.epochs = v;
      return this;
    }

    public Builder batchSize(int v) {
      this.batchSize = v;
      return this;
    }

    public Builder weightLr(double v) {
      this.weightLr = v;
      return this;
    }

    public Builder weightLrMin(double v) {
      this.weightLrMin = v;
      return this;
    }

    public Builder momentum(double v) {
      this.momentum = v;
      return this;
    }

    public Builder weightDecay(double v) {
      this.weightDecay = v;
      return this;
    }

    public Builder gradClip(double v) {
      this.gradClip = v;
      return this;
    }

    public Builder archLr(double v) {
      this.archLr = v;
      return this;
    }

    public Builder archBeta1(double v) {
      this.archBeta1 = v;
      return this;
    }

    public Builder archBeta2(double v) {
      this.archBeta2 = v;
      return this;
    }

    public Builder archWeightDecay(double v) {
      this.archWeightDecay = v;
      return this;
    }

    public Builder archEps(double v) {
      this.archEps = v;
      return this;
    }

    public Builder trainPortion(double v) {
      this.trainPortion = v;
      return this;
    }

    public Builder trainLimit(int v) {
      this.trainLimit = v;
      return this;
    }

    public Builder seed(long v) {
      this.seed = v;
      return this;
    }

    public SearchSettings build() {
      return new SearchSettings(
          backbone,
          version,
          width,
          epochs,
          batchSize,
          weightLr,
          weightLrMin,
          momentum,
          weightDecay,
          gradClip,
          archLr,
          archBeta1,
          archBeta2,
          archWeightDecay,
          archEps,
          trainPortion,
          trainLimit,
          seed);
    }
  }

  private static void atLeast(String key, long v, long min) {
    if (v < min) {
      throw new IllegalArgumentException(key + " = " + v + ": must be >= " + min);
    }
  }

  private static void positive(String key, double v) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(key + " = " + v + ": must be a finite number > 0");
    }
  }

  private static void range(String key, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi)) {
      throw new IllegalArgumentException(key + " = " + v + ": must be in [" + lo + ", " + hi + "]");
    }
  }
}
