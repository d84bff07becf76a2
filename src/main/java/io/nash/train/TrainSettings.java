package io.nash.train;

import io.nash.config.Settings;
import io.nash.config.SettingsSchema;
import io.nash.space.Backbone;
import io.nash.space.QuantSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one retraining run depends on, validated when built. Defaults and ranges come from
 * {@link SettingsSchema} (the {@code nash.train.*}, {@code nash.data.*} and {@code nash.run.seed}
 * keys), so a value accepted here is accepted in a job file and vice versa; errors name the key,
 * the value and what is allowed. Built by {@link #fromSettings} (a run's settings), {@link
 * #builder} (programmatic use; starts from the schema's defaults) or {@link #with} (a copy with
 * some keys replaced). Immutable and thread-safe.
 *
 * <p>Properties:
 *
 * <ul>
 *   <li>{@code architecture}: {@code v1}..{@code v4}, {@code baseline} or a genotype JSON file (see
 *       {@link io.nash.space.SpaceJson#readArchitecture}); informational when the caller passes an
 *       Architecture directly
 *   <li>{@code backbone}: backbone of the baseline (a genotype names its own)
 *   <li>{@code data}: dataset spec ({@link io.nash.data.DatasetSpec})
 *   <li>{@code quant}: quantization preset name ({@link QuantSpec#named})
 *   <li>{@code width}: width per group w, even
 *   <li>{@code epochs}: training epochs
 *   <li>{@code batchSize}: training batch size (also used for evaluation)
 *   <li>{@code optimizer}: adam or sgd
 *   <li>{@code lr}: initial learning rate, &gt; 0 (the schema's range)
 *   <li>{@code momentum}: SGD momentum (ignored by Adam, whose betas are fixed at 0.9 and 0.999)
 *   <li>{@code weightDecay}: L2 decay added to the gradient of every trainable tensor
 *   <li>{@code schedule}: cosine (per step, to 0), step (times stepGamma every stepSize epochs) or
 *       constant
 *   <li>{@code stepSize}: epochs between drops of the step schedule
 *   <li>{@code stepGamma}: factor of each drop
 *   <li>{@code labelSmoothing}: label smoothing epsilon in [0, 1)
 *   <li>{@code cropPadding}: random-crop padding in pixels (0: no crop)
 *   <li>{@code flip}: random horizontal flips
 *   <li>{@code trainLimit}: first N training images only (0 = all)
 *   <li>{@code testLimit}: first N test images only (0 = all)
 *   <li>{@code seed}: run seed: initial weights, shuffling and augmentation derive from it
 *   <li>{@code threads}: libtorch intra-op threads (0 = libtorch's default)
 * </ul>
 */
public final class TrainSettings {
  private final String architecture;
  private final Backbone backbone;
  private final String data;
  private final String quant;
  private final int width;
  private final int epochs;
  private final int batchSize;
  private final Optimizer optimizer;
  private final double lr;
  private final double momentum;
  private final double weightDecay;
  private final Schedule schedule;
  private final int stepSize;
  private final double stepGamma;
  private final double labelSmoothing;
  private final int cropPadding;
  private final boolean flip;
  private final int trainLimit;
  private final int testLimit;
  private final long seed;
  private final int threads;

  /** The optimizers {@link Trainer} implements. */
  public enum Optimizer {
    ADAM,
    SGD;

    static Optimizer parse(String v) {
      return valueOf(check("nash.train.optimizer", v).toUpperCase(Locale.ROOT));
    }
  }

  /** Learning-rate schedules, see {@link LrSchedule}. */
  public enum Schedule {
    COSINE,
    STEP,
    CONSTANT;

    static Schedule parse(String v) {
      return valueOf(check("nash.train.schedule", v).toUpperCase(Locale.ROOT));
    }
  }

  private TrainSettings(Builder b) {
    if (b.architecture == null || b.architecture.isBlank()) {
      throw new IllegalArgumentException(
          "genotype = '" + b.architecture + "': must be v1, v2, v3, v4, baseline or a JSON file");
    }
    architecture = b.architecture;
    backbone = Objects.requireNonNull(b.backbone, "nash.search.backbone");
    optimizer = Objects.requireNonNull(b.optimizer, "nash.train.optimizer");
    schedule = Objects.requireNonNull(b.schedule, "nash.train.schedule");
    check("nash.data.spec", b.data);
    data = b.data;
    quant = check("nash.train.quant", b.quant);
    check("nash.train.width", b.width);
    if (b.width % 2 != 0) {
      throw new IllegalArgumentException(
          "nash.train.width = " + b.width + ": must be even (factorized reduce halves channels)");
    }
    width = b.width;
    epochs = b.epochs;
    check("nash.train.epochs", epochs);
    batchSize = b.batchSize;
    check("nash.train.batch-size", batchSize);
    lr = b.lr;
    check("nash.train.lr", lr);
    momentum = b.momentum;
    check("nash.train.momentum", momentum);
    weightDecay = b.weightDecay;
    check("nash.train.weight-decay", weightDecay);
    stepSize = b.stepSize;
    check("nash.train.step-size", stepSize);
    stepGamma = b.stepGamma;
    check("nash.train.step-gamma", stepGamma);
    labelSmoothing = b.labelSmoothing;
    check("nash.train.label-smoothing", labelSmoothing);
    cropPadding = b.cropPadding;
    check("nash.train.crop-padding", cropPadding);
    trainLimit = b.trainLimit;
    check("nash.data.train-limit", trainLimit);
    testLimit = b.testLimit;
    check("nash.data.test-limit", testLimit);
    threads = b.threads;
    check("nash.train.threads", threads);
    flip = b.flip;
    seed = b.seed;
  }

  /** Parses {@code value} with the schema's setting of {@code key}; its error names both. */
  private static String check(String key, Object value) {
    return String.valueOf(SettingsSchema.get(key).parse(String.valueOf(value)));
  }

  /**
   * The retraining settings of a resolved settings tree: {@code nash.train.*}, the dataset and
   * limits of {@code nash.data.*}, the backbone of {@code nash.search.backbone} and the seed of
   * {@code nash.run.seed}.
   *
   * @param architecture v1..v4, baseline or a genotype file
   */
  public static TrainSettings fromSettings(Settings s, String architecture) {
    return new Builder(architecture, s).build();
  }

  /**
   * A builder holding the schema's defaults ({@code conf/nash-defaults.yaml}) for {@code
   * architecture}.
   */
  public static Builder builder(String architecture) {
    return new Builder(architecture, Settings.defaults());
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder(architecture, Settings.defaults());
    b.backbone = backbone;
    b.data = data;
    b.quant = quant;
    b.width = width;
    b.epochs = epochs;
    b.batchSize = batchSize;
    b.optimizer = optimizer;
    b.lr = lr;
    b.momentum = momentum;
    b.weightDecay = weightDecay;
    b.schedule = schedule;
    b.stepSize = stepSize;
    b.stepGamma = stepGamma;
    b.labelSmoothing = labelSmoothing;
    b.cropPadding = cropPadding;
    b.flip = flip;
    b.trainLimit = trainLimit;
    b.testLimit = testLimit;
    b.seed = seed;
    b.threads = threads;
    return b;
  }

  /** Collects the values; {@link #build} validates them. Not thread-safe. */
  public static final class Builder {
    private String architecture;
    private Backbone backbone;
    private String data;
    private String quant;
    private int width;
    private int epochs;
    private int batchSize;
    private Optimizer optimizer;
    private double lr;
    private double momentum;
    private double weightDecay;
    private Schedule schedule;
    private int stepSize;
    private double stepGamma;
    private double labelSmoothing;
    private int cropPadding;
    private boolean flip;
    private int trainLimit;
    private int testLimit;
    private long seed;
    private int threads;

    private Builder(String architecture, Settings s) {
      this.architecture = architecture;
      backbone = Backbone.fromName(s.getString("nash.search.backbone"));
      data = s.getString("nash.data.spec");
      quant = s.getString("nash.train.quant");
      width = s.getInt("nash.train.width");
      epochs = s.getInt("nash.train.epochs");
      batchSize = s.getInt("nash.train.batch-size");
      optimizer = Optimizer.parse(s.getString("nash.train.optimizer"));
      lr = s.getDouble("nash.train.lr");
      momentum = s.getDouble("nash.train.momentum");
      weightDecay = s.getDouble("nash.train.weight-decay");
      schedule = Schedule.parse(s.getString("nash.train.schedule"));
      stepSize = s.getInt("nash.train.step-size");
      stepGamma = s.getDouble("nash.train.step-gamma");
      labelSmoothing = s.getDouble("nash.train.label-smoothing");
      cropPadding = s.getInt("nash.train.crop-padding");
      flip = s.getBool("nash.train.flip");
      trainLimit = s.getInt("nash.data.train-limit");
      testLimit = s.getInt("nash.data.test-limit");
      seed = s.getLong("nash.run.seed");
      threads = s.getInt("nash.train.threads");
    }

    public Builder architecture(String v) {
      architecture = v;
      return this;
    }

    public Builder backbone(Backbone v) {
      backbone = v;
      return this;
    }

    public Builder data(String v) {
      data = v;
      return this;
    }

    public Builder quant(String v) {
      quant = v;
      return this;
    }

    public Builder width(int v) {
      width = v;
      return this;
    }

    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder optimizer(Optimizer v) {
      optimizer = v;
      return this;
    }

    public Builder lr(double v) {
      lr = v;
      return this;
    }

    public Builder momentum(double v) {
      momentum = v;
      return this;
    }

    public Builder weightDecay(double v) {
      weightDecay = v;
      return this;
    }

    public Builder schedule(Schedule v) {
      schedule = v;
      return this;
    }

    public Builder stepSize(int v) {
      stepSize = v;
      return this;
    }

    public Builder stepGamma(double v) {
      stepGamma = v;
      return this;
    }

    public Builder labelSmoothing(double v) {
      labelSmoothing = v;
      return this;
    }

    public Builder cropPadding(int v) {
      cropPadding = v;
      return this;
    }

    public Builder flip(boolean v) {
      flip = v;
      return this;
    }

    public Builder trainLimit(int v) {
      trainLimit = v;
      return this;
    }

    public Builder testLimit(int v) {
      testLimit = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder threads(int v) {
      threads = v;
      return this;
    }

    /**
     * The validated settings.
     *
     * @throws IllegalArgumentException naming the key, the value and what is allowed
     */
    public TrainSettings build() {
      return new TrainSettings(this);
    }
  }

  /** The documented defaults ({@code conf/nash-defaults.yaml}) for {@code architecture}. */
  public static TrainSettings defaults(String architecture) {
    return fromSettings(Settings.defaults(), architecture);
  }

  /** The quantization bit widths of {@link #quant}. */
  public QuantSpec quantSpec() {
    return QuantSpec.named(quant);
  }

  /** A copy with other epochs (for calibration and short runs). */
  public TrainSettings withEpochs(int n) {
    return with(Map.of("nash.train.epochs", Integer.toString(n)));
  }

  /** A copy with another seed. */
  public TrainSettings withSeed(long s) {
    return with(Map.of("nash.run.seed", Long.toString(s)));
  }

  /** A copy with another architecture spec. */
  public TrainSettings withArchitecture(String a) {
    Map<String, String> m = asMap();
    m.put("genotype", a);
    return fromMap(m);
  }

  /** A copy with the given keys (as in {@link #asMap}) replaced, validated again. */
  public TrainSettings with(Map<String, String> overrides) {
    Map<String, String> m = asMap();
    overrides.forEach(
        (k, v) -> {
          if (!m.containsKey(k)) {
            throw new IllegalArgumentException(
                "unknown retraining setting '" + k + "': known keys are " + m.keySet());
          }
          m.put(k, v);
        });
    return fromMap(m);
  }

  /** The settings under their keys, as strings (provenance, checkpoints, {@link #fromMap}). */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("genotype", architecture);
    m.put("nash.search.backbone", backbone.jsonName());
    m.put("nash.data.spec", data);
    m.put("nash.train.quant", quant);
    m.put("nash.train.width", Integer.toString(width));
    m.put("nash.train.epochs", Integer.toString(epochs));
    m.put("nash.train.batch-size", Integer.toString(batchSize));
    m.put("nash.train.optimizer", optimizer.name().toLowerCase(Locale.ROOT));
    m.put("nash.train.lr", Double.toString(lr));
    m.put("nash.train.momentum", Double.toString(momentum));
    m.put("nash.train.weight-decay", Double.toString(weightDecay));
    m.put("nash.train.schedule", schedule.name().toLowerCase(Locale.ROOT));
    m.put("nash.train.step-size", Integer.toString(stepSize));
    m.put("nash.train.step-gamma", Double.toString(stepGamma));
    m.put("nash.train.label-smoothing", Double.toString(labelSmoothing));
    m.put("nash.train.crop-padding", Integer.toString(cropPadding));
    m.put("nash.train.flip", Boolean.toString(flip));
    m.put("nash.data.train-limit", Integer.toString(trainLimit));
    m.put("nash.data.test-limit", Integer.toString(testLimit));
    m.put("nash.run.seed", Long.toString(seed));
    m.put("nash.train.threads", Integer.toString(threads));
    return m;
  }

  /** Inverse of {@link #asMap}; every key must be present. */
  public static TrainSettings fromMap(Map<String, String> m) {
    Map<String, String> s = new LinkedHashMap<>(m);
    String arch = s.remove("genotype");
    Settings base = Settings.defaults().with(s);
    return fromSettings(base, arch);
  }

  public String architecture() {
    return architecture;
  }

  public Backbone backbone() {
    return backbone;
  }

  public String data() {
    return data;
  }

  public String quant() {
    return quant;
  }

  public int width() {
    return width;
  }

  public int epochs() {
    return epochs;
  }

  public int batchSize() {
    return batchSize;
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  public double lr() {
    return lr;
  }

  public double momentum() {
    return momentum;
  }

  public double weightDecay() {
    return weightDecay;
  }

  public Schedule schedule() {
    return schedule;
  }

  public int stepSize() {
    return stepSize;
  }

  public double stepGamma() {
    return stepGamma;
  }

  public double labelSmoothing() {
    return labelSmoothing;
  }

  public int cropPadding() {
    return cropPadding;
  }

  public boolean flip() {
    return flip;
  }

  public int trainLimit() {
    return trainLimit;
  }

  public int testLimit() {
    return testLimit;
  }

  public long seed() {
    return seed;
  }

  public int threads() {
    return threads;
  }

  /** Equal when every property is ({@link #asMap} is complete). */
  @Override
  public boolean equals(Object o) {
    return o instanceof TrainSettings t && asMap().equals(t.asMap());
  }

  @Override
  public int hashCode() {
    return asMap().hashCode();
  }

  @Override
  public String toString() {
    return "TrainSettings" + asMap();
  }
}
