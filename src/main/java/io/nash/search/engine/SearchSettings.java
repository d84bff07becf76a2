package io.nash.search.engine;

import io.nash.config.Setting;
import io.nash.config.Settings;
import io.nash.config.SettingsSchema;
import io.nash.search.api.ArchGradient;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of a distributed search, in rounds (one round is one NASH step on every partition).
 * Built from the settings schema: {@link #from} reads a resolved {@link Settings} and converts its
 * epochs into rounds; {@link #builder} starts from the schema's defaults for programmatic use
 * (tests, benchmarks). Every value that has a {@code nash.*} key is checked by that key's {@link
 * Setting}, so a value is accepted here exactly when a job file would accept it, and the error
 * names the key, the value and the allowed range. The few engine-only values that have no key
 * (rounds to stop after, the local alpha step, the fault injection) are named by their builder
 * property. Immutable.
 *
 * <p>Properties and their keys:
 *
 * <ul>
 *   <li>{@code runId}: {@code nash.run.id}; {@code seed}: {@code nash.run.seed}
 *   <li>{@code rounds}: total rounds, {@code nash.search.epochs} x rounds per epoch; the cosine
 *       schedule spans them
 *   <li>{@code warmupRounds}: the first rounds train the weights only (no architecture step, alpha
 *       and its optimizer unchanged), {@code nash.search.warmup-epochs} x rounds per epoch; 0 (the
 *       paper) to {@code rounds - 1}
 *   <li>{@code partitions}, {@code localSteps}, {@code pathSampling}: {@code nash.spark.*}
 *   <li>{@code batchSize}, {@code weightLr} ({@code nash.search.lr}), {@code weightLrMin}, {@code
 *       momentum}, {@code weightDecay}, {@code gradClip}, {@code alphaLr} ({@code
 *       nash.search.arch-lr}), {@code alphaBeta1}, {@code alphaBeta2}, {@code alphaWeightDecay}:
 *       {@code nash.search.*}
 *   <li>{@code archGradient}: {@code nash.search.arch-gradient}, exact or two-path (read by the
 *       model on each executor, see {@code pipeline.SearchJob})
 *   <li>{@code checkpointEvery}: checkpoint every N rounds (0 = never; {@code
 *       nash.search.checkpoint-every} x rounds per epoch); the last round is always written
 *   <li>{@code stopAfter}: rounds to run in this invocation (0 = until {@code rounds}); a later
 *       {@code resume} continues
 *   <li>{@code localAlphaLr}: plain-SGD step for alpha between local steps (used when localSteps
 *       &gt; 1); by default equal to {@code alphaLr}
 *   <li>{@code failOnce}: test-only fault injection {@code "round:partition"} (empty = off): that
 *       task throws on its first attempt
 * </ul>
 */
public final class SearchSettings {
  private final String runId;
  private final long seed;
  private final int rounds;
  private final int warmupRounds;
  private final int stopAfter;
  private final int partitions;
  private final int localSteps;
  private final int batchSize;
  private final PathSampling pathSampling;
  private final ArchGradient archGradient;
  private final double weightLr;
  private final double weightLrMin;
  private final double momentum;
  private final double weightDecay;
  private final double gradClip;
  private final double alphaLr;
  private final double alphaBeta1;
  private final double alphaBeta2;
  private final double alphaWeightDecay;
  private final double hwWeight;
  private final double localAlphaLr;
  private final int checkpointEvery;
  private final boolean resume;
  private final String failOnce;

  private SearchSettings(Builder b) {
    if (b.runId == null || !b.runId.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "nash.run.id = '" + b.runId + "': must be letters, digits, '.', '_' or '-'");
    }
    runId = b.runId;
    seed = (Long) check("nash.run.seed", b.seed);
    if (b.rounds < 1) {
      throw new IllegalArgumentException(
          "nash.search.epochs: rounds = "
              + b.rounds
              + ": must be >= 1 (rounds = epochs x rounds per epoch)");
    }
    rounds = b.rounds;
    if (b.warmupRounds < 0 || b.warmupRounds >= rounds) {
      throw new IllegalArgumentException(
          "nash.search.warmup-epochs: "
              + b.warmupRounds
              + " warm-up rounds of "
              + rounds
              + ": must be >= 0 and fewer than the search's rounds (architecture steps must run)");
    }
    warmupRounds = b.warmupRounds;
    partitions = (Integer) check("nash.spark.partitions", b.partitions);
    localSteps = (Integer) check("nash.spark.local-steps", b.localSteps);
    batchSize = (Integer) check("nash.search.batch-size", b.batchSize);
    Objects.requireNonNull(b.pathSampling, "nash.spark.path-sampling");
    pathSampling = b.pathSampling;
    Objects.requireNonNull(b.archGradient, "nash.search.arch-gradient");
    archGradient = b.archGradient;
    weightLr = (Double) check("nash.search.lr", b.weightLr);
    weightLrMin = (Double) check("nash.search.lr-min", b.weightLrMin);
    if (weightLrMin > weightLr) {
      throw new IllegalArgumentException(
          "nash.search.lr-min = "
              + weightLrMin
              + ": must be <= nash.search.lr = "
              + weightLr
              + " (the cosine schedule anneals down to it)");
    }
    momentum = (Double) check("nash.search.momentum", b.momentum);
    weightDecay = (Double) check("nash.search.weight-decay", b.weightDecay);
    gradClip = (Double) check("nash.search.grad-clip", b.gradClip);
    alphaLr = (Double) check("nash.search.arch-lr", b.alphaLr);
    alphaBeta1 = (Double) check("nash.search.arch-beta1", b.alphaBeta1);
    alphaBeta2 = (Double) check("nash.search.arch-beta2", b.alphaBeta2);
    alphaWeightDecay = (Double) check("nash.search.arch-weight-decay", b.alphaWeightDecay);
    hwWeight = (Double) check("nash.search.hw.weight", b.hwWeight);
    localAlphaLr = b.localAlphaLr == null ? alphaLr : b.localAlphaLr;
    if (!(localAlphaLr > 0) || Double.isInfinite(localAlphaLr)) {
      throw new IllegalArgumentException(
          "localAlphaLr = "
              + localAlphaLr
              + ": must be a number > 0 (the alpha step between local steps; by default"
              + " nash.search.arch-lr)");
    }
    if (b.checkpointEvery < 0) {
      throw new IllegalArgumentException(
          "nash.search.checkpoint-every: every "
              + b.checkpointEvery
              + " rounds: must be >= 0 rounds (0 = only the last round)");
    }
    checkpointEvery = b.checkpointEvery;
    if (b.stopAfter < 0) {
      throw new IllegalArgumentException(
          "stopAfter = " + b.stopAfter + ": must be >= 0 rounds (0 = run to the end)");
    }
    stopAfter = b.stopAfter;
    resume = b.resume;
    String f = b.failOnce == null ? "" : b.failOnce;
    if (!f.isEmpty() && !f.matches("\\d+:\\d+")) {
      throw new IllegalArgumentException(
          "failOnce = '" + f + "': must be round:partition, e.g. 1:0 (test-only fault injection)");
    }
    failOnce = f;
  }

  private static Object check(String key, Object value) {
    return SettingsSchema.get(key).check(value);
  }

  private static Object dflt(String key) {
    return SettingsSchema.get(key).defaultValue();
  }

  /**
   * A builder holding the schema's defaults ({@code conf/nash-defaults.yaml}) at one round per
   * epoch: {@code rounds} = {@code nash.search.epochs}, {@code checkpointEvery} = {@code
   * nash.search.checkpoint-every}, and so on.
   */
  public static Builder builder(String runId) {
    return new Builder(runId);
  }

  /**
   * The search settings of a resolved settings tree, with its epochs converted into rounds: rounds
   * = {@code nash.search.epochs x roundsPerEpoch}, warm-up rounds = {@code
   * round(nash.search.warmup-epochs x roundsPerEpoch)} (at most rounds - 1), checkpoints every
   * {@code nash.search.checkpoint-every x roundsPerEpoch} rounds. The local alpha step is {@code
   * nash.search.arch-lr}.
   *
   * @param runId the run's id ({@code nash.run.id} or the generated one)
   * @param roundsPerEpoch rounds of one epoch over the weight split, >= 1
   */
  public static Builder from(Settings s, String runId, int roundsPerEpoch) {
    if (roundsPerEpoch < 1) {
      throw new IllegalArgumentException(
          "roundsPerEpoch = " + roundsPerEpoch + ": must be >= 1 (see pipeline.SearchJob)");
    }
    int rounds = s.getInt("nash.search.epochs") * roundsPerEpoch;
    double warmup = s.getDouble("nash.search.warmup-epochs");
    return builder(runId)
        .seed(s.getLong("nash.run.seed"))
        .rounds(rounds)
        .warmupRounds((int) Math.min(rounds - 1, Math.round(warmup * roundsPerEpoch)))
        .partitions(s.getInt("nash.spark.partitions"))
        .localSteps(s.getInt("nash.spark.local-steps"))
        .batchSize(s.getInt("nash.search.batch-size"))
        .pathSampling(PathSampling.fromName(s.getString("nash.spark.path-sampling")))
        .archGradient(ArchGradient.fromName(s.getString("nash.search.arch-gradient")))
        .weightLr(s.getDouble("nash.search.lr"))
        .weightLrMin(s.getDouble("nash.search.lr-min"))
        .momentum(s.getDouble("nash.search.momentum"))
        .weightDecay(s.getDouble("nash.search.weight-decay"))
        .gradClip(s.getDouble("nash.search.grad-clip"))
        .alphaLr(s.getDouble("nash.search.arch-lr"))
        .alphaBeta1(s.getDouble("nash.search.arch-beta1"))
        .alphaBeta2(s.getDouble("nash.search.arch-beta2"))
        .alphaWeightDecay(s.getDouble("nash.search.arch-weight-decay"))
        .hwWeight(s.getDouble("nash.search.hw.weight"))
        .checkpointEvery(s.getInt("nash.search.checkpoint-every") * roundsPerEpoch);
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder(runId);
    b.seed = seed;
    b.rounds = rounds;
    b.warmupRounds = warmupRounds;
    b.stopAfter = stopAfter;
    b.partitions = partitions;
    b.localSteps = localSteps;
    b.batchSize = batchSize;
    b.pathSampling = pathSampling;
    b.archGradient = archGradient;
    b.weightLr = weightLr;
    b.weightLrMin = weightLrMin;
    b.momentum = momentum;
    b.weightDecay = weightDecay;
    b.gradClip = gradClip;
    b.alphaLr = alphaLr;
    b.alphaBeta1 = alphaBeta1;
    b.alphaBeta2 = alphaBeta2;
    b.alphaWeightDecay = alphaWeightDecay;
    b.hwWeight = hwWeight;
    b.localAlphaLr = localAlphaLr;
    b.checkpointEvery = checkpointEvery;
    b.resume = resume;
    b.failOnce = failOnce;
    return b;
  }

  /**
   * Collects the values of {@link SearchSettings}; {@link #build} validates them. Starts from the
   * schema's defaults. Not thread-safe.
   */
  public static final class Builder {
    private String runId;
    private long seed = (Long) dflt("nash.run.seed");
    private int rounds = (Integer) dflt("nash.search.epochs");
    private int warmupRounds = (int) Math.round((Double) dflt("nash.search.warmup-epochs"));
    private int stopAfter;
    private int partitions = (Integer) dflt("nash.spark.partitions");
    private int localSteps = (Integer) dflt("nash.spark.local-steps");
    private int batchSize = (Integer) dflt("nash.search.batch-size");
    private PathSampling pathSampling =
        PathSampling.fromName((String) dflt("nash.spark.path-sampling"));
    private ArchGradient archGradient =
        ArchGradient.fromName((String) dflt("nash.search.arch-gradient"));
    private double weightLr = (Double) dflt("nash.search.lr");
    private double weightLrMin = (Double) dflt("nash.search.lr-min");
    private double momentum = (Double) dflt("nash.search.momentum");
    private double weightDecay = (Double) dflt("nash.search.weight-decay");
    private double gradClip = (Double) dflt("nash.search.grad-clip");
    private double alphaLr = (Double) dflt("nash.search.arch-lr");
    private double alphaBeta1 = (Double) dflt("nash.search.arch-beta1");
    private double alphaBeta2 = (Double) dflt("nash.search.arch-beta2");
    private double alphaWeightDecay = (Double) dflt("nash.search.arch-weight-decay");
    private double hwWeight = (Double) dflt("nash.search.hw.weight");
    private Double localAlphaLr;
    private int checkpointEvery = (Integer) dflt("nash.search.checkpoint-every");
    private boolean resume;
    private String failOnce = "";

    private Builder(String runId) {
      this.runId = runId;
    }

    public Builder runId(String v) {
      runId = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder rounds(int v) {
      rounds = v;
      return this;
    }

    public Builder warmupRounds(int v) {
      warmupRounds = v;
      return this;
    }

    public Builder stopAfter(int v) {
      stopAfter = v;
      return this;
    }

    public Builder partitions(int v) {
      partitions = v;
      return this;
    }

    public Builder localSteps(int v) {
      localSteps = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder pathSampling(PathSampling v) {
      pathSampling = v;
      return this;
    }

    public Builder archGradient(ArchGradient v) {
      archGradient = v;
      return this;
    }

    public Builder weightLr(double v) {
      weightLr = v;
      return this;
    }

    public Builder weightLrMin(double v) {
      weightLrMin = v;
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

    public Builder gradClip(double v) {
      gradClip = v;
      return this;
    }

    /** Adam's learning rate for alpha; the local alpha step follows it unless set. */
    public Builder alphaLr(double v) {
      alphaLr = v;
      return this;
    }

    public Builder alphaBeta1(double v) {
      alphaBeta1 = v;
      return this;
    }

    public Builder alphaBeta2(double v) {
      alphaBeta2 = v;
      return this;
    }

    public Builder alphaWeightDecay(double v) {
      alphaWeightDecay = v;
      return this;
    }

    /** Weight lambda of the hardware term of the architecture loss ({@link ArchCost}). */
    public Builder hwWeight(double v) {
      hwWeight = v;
      return this;
    }

    public Builder localAlphaLr(double v) {
      localAlphaLr = v;
      return this;
    }

    public Builder checkpointEvery(int v) {
      checkpointEvery = v;
      return this;
    }

    public Builder resume(boolean v) {
      resume = v;
      return this;
    }

    public Builder failOnce(String v) {
      failOnce = v;
      return this;
    }

    /**
     * The validated settings.
     *
     * @throws IllegalArgumentException naming the key (or property), the value and what is allowed
     */
    public SearchSettings build() {
      return new SearchSettings(this);
    }
  }

  public String runId() {
    return runId;
  }

  public long seed() {
    return seed;
  }

  public int rounds() {
    return rounds;
  }

  public int warmupRounds() {
    return warmupRounds;
  }

  public int stopAfter() {
    return stopAfter;
  }

  public int partitions() {
    return partitions;
  }

  public int localSteps() {
    return localSteps;
  }

  public int batchSize() {
    return batchSize;
  }

  public PathSampling pathSampling() {
    return pathSampling;
  }

  public ArchGradient archGradient() {
    return archGradient;
  }

  public double weightLr() {
    return weightLr;
  }

  public double weightLrMin() {
    return weightLrMin;
  }

  public double momentum() {
    return momentum;
  }

  public double weightDecay() {
    return weightDecay;
  }

  public double gradClip() {
    return gradClip;
  }

  public double alphaLr() {
    return alphaLr;
  }

  public double alphaBeta1() {
    return alphaBeta1;
  }

  public double alphaBeta2() {
    return alphaBeta2;
  }

  public double alphaWeightDecay() {
    return alphaWeightDecay;
  }

  /** {@code nash.search.hw.weight}: lambda of {@code CE + lambda * E_alpha[cost]} (0 = off). */
  public double hwWeight() {
    return hwWeight;
  }

  public double localAlphaLr() {
    return localAlphaLr;
  }

  public int checkpointEvery() {
    return checkpointEvery;
  }

  public boolean resume() {
    return resume;
  }

  public String failOnce() {
    return failOnce;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "SearchSettings[runId=%s, seed=%d, rounds=%d, warmupRounds=%d, stopAfter=%d,"
            + " partitions=%d, localSteps=%d, batchSize=%d, pathSampling=%s, archGradient=%s,"
            + " weightLr=%s, weightLrMin=%s, momentum=%s, weightDecay=%s, gradClip=%s, alphaLr=%s,"
            + " alphaBeta1=%s, alphaBeta2=%s, alphaWeightDecay=%s, localAlphaLr=%s,"
            + " checkpointEvery=%d, resume=%s, failOnce=%s]",
        runId,
        seed,
        rounds,
        warmupRounds,
        stopAfter,
        partitions,
        localSteps,
        batchSize,
        pathSampling,
        archGradient.settingName(),
        weightLr,
        weightLrMin,
        momentum,
        weightDecay,
        gradClip,
        alphaLr,
        alphaBeta1,
        alphaBeta2,
        alphaWeightDecay,
        localAlphaLr,
        checkpointEvery,
        resume,
        failOnce);
  }
}
