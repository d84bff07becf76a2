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
 * Everything one retraining run depends on, validated at construction. Ranges come from {@link
 * SettingsSchema} (the {@code nash.train.*}, {@code nash.data.*} and {@code nash.run.seed} keys),
 * so a value accepted here is accepted in a job file and vice versa; errors name the key, the value
 * and what is allowed. Immutable and thread-safe.
 *
 * @param architecture {@code v1}..{@code v4}, {@code baseline} or a genotype JSON file (see {@link
 *     io.nash.space.SpaceJson#readArchitecture}); informational when the caller passes an
 *     Architecture directly
 * @param backbone backbone of the baseline (a genotype names its own)
 * @param data dataset spec ({@link io.nash.data.DatasetSpec})
 * @param quant quantization preset name ({@link QuantSpec#named})
 * @param width width per group w, even
 * @param epochs training epochs
 * @param batchSize training batch size (also used for evaluation)
 * @param optimizer adam or sgd
 * @param lr initial learning rate, > 0 (the schema's range)
 * @param momentum SGD momentum (ignored by Adam, whose betas are fixed at 0.9 and 0.999)
 * @param weightDecay L2 decay added to the gradient of every trainable tensor
 * @param schedule cosine (per step, to 0), step (times stepGamma every stepSize epochs) or constant
 * @param stepSize epochs between drops of the step schedule
 * @param stepGamma factor of each drop
 * @param labelSmoothing label smoothing epsilon in [0, 1)
 * @param cropPadding random-crop padding in pixels (0: no crop)
 * @param flip random horizontal flips
 * @param trainLimit first N training images only (0 = all)
 * @param testLimit first N test images only (0 = all)
 * @param seed run seed: initial weights, shuffling and augmentation derive from it
 * @param threads libtorch intra-op threads (0 = libtorch's default)
 */
public record TrainSettings(
    String architecture,
    Backbone backbone,
    String data,
    String quant,
    int width,
    int epochs,
    int batchSize,
    Optimizer optimizer,
    double lr,
    double momentum,
    double weightDecay,
    Schedule schedule,
    int stepSize,
    double stepGamma,
    double labelSmoothing,
    int cropPadding,
    boolean flip,
    int trainLimit,
    int testLimit,
    long seed,
    int threads) {

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

  public TrainSettings {
    if (architecture == null || architecture.isBlank()) {
      throw new IllegalArgumentException(
          "genotype = '" + architecture + "': must be v1, v2, v3, v4, baseline or a JSON file");
    }
    Objects.requireNonNull(backbone, "nash.search.backbone");
    Objects.requireNonNull(optimizer, "nash.train.optimizer");
    Objects.requireNonNull(schedule, "nash.train.schedule");
    check("nash.data.spec", data);
    quant = check("nash.train.quant", quant);
    check("nash.train.width", width);
    if (width % 2 != 0) {
      throw new IllegalArgumentException(
          "nash.train.width = " + width + ": must be even (factorized reduce halves channels)");
    }
    check("nash.train.epochs", epochs);
    check("nash.train.batch-size", batchSize);
    check("nash.train.lr", lr);
    check("nash.train.momentum", momentum);
    check("nash.train.weight-decay", weightDecay);
    check("nash.train.step-size", stepSize);
    check("nash.train.step-gamma", stepGamma);
    check("nash.train.label-smoothing", labelSmoothing);
    check("nash.train.crop-padding", cropPadding);
    check("nash.data.train-limit", trainLimit);
    check("nash.data.test-limit", testLimit);
    check("nash.train.threads", threads);
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
    return new TrainSettings(
        architecture,
        Backbone.fromName(s.getString("nash.search.backbone")),
        s.getString("nash.data.spec"),
        s.getString("nash.train.quant"),
        s.getInt("nash.train.width"),
        s.getInt("nash.train.epochs"),
        s.getInt("nash.train.batch-size"),
        Optimizer.parse(s.getString("nash.train.optimizer")),
        s.getDouble("nash.train.lr"),
        s.getDouble("nash.train.momentum"),
        s.getDouble("nash.train.weight-decay"),
        Schedule.parse(s.getString("nash.train.schedule")),
        s.getInt("nash.train.step-size"),
        s.getDouble("nash.train.step-gamma"),
        s.getDouble("nash.train.label-smoothing"),
        s.getInt("nash.train.crop-padding"),
        s.getBool("nash.train.flip"),
        s.getInt("nash.data.train-limit"),
        s.getInt("nash.data.test-limit"),
        s.getLong("nash.run.seed"),
        s.getInt("nash.train.threads"));
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
}
