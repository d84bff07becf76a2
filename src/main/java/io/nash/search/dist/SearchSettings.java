package io.nash.search.dist;

/**
 * Settings of a distributed search (nash-method.md section 2 defaults). Validated at construction;
 * messages name the key. Immutable.
 *
 * @param rounds total rounds; the cosine schedule spans them
 * @param warmupRounds the first rounds train the weights only (no architecture step, alpha and its
 *     optimizer unchanged), as one-shot NAS warm-ups do; 0 (the paper) to {@code rounds - 1}
 * @param stopAfter rounds to run in this invocation (0 = until {@code rounds}); a later {@code
 *     resume} continues
 * @param localAlphaLr plain-SGD step for alpha between local steps (used when localSteps > 1)
 * @param checkpointEvery checkpoint every N rounds (0 = never); the last round is always written
 * @param failOnce test-only fault injection {@code "round:partition"} (empty = off): that task
 *     throws on its first attempt
 */
public record SearchSettings(
    String runId,
    long seed,
    int rounds,
    int warmupRounds,
    int stopAfter,
    int partitions,
    int localSteps,
    int batchSize,
    PathSampling pathSampling,
    double weightLr,
    double weightLrMin,
    double momentum,
    double weightDecay,
    double gradClip,
    double alphaLr,
    double alphaBeta1,
    double alphaBeta2,
    double alphaWeightDecay,
    double localAlphaLr,
    int checkpointEvery,
    boolean resume,
    String failOnce) {

  public SearchSettings {
    if (runId == null || !runId.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "nash.run-id = '" + runId + "': must be letters, digits, '.', '_' or '-'");
    }
    positive("nash.search.rounds", rounds);
    if (warmupRounds < 0 || warmupRounds >= rounds) {
      throw new IllegalArgumentException(
          "nash.search.warmup-epochs: "
              + warmupRounds
              + " warm-up rounds of "
              + rounds
              + ": must be >= 0 and fewer than the search's rounds (architecture steps must run)");
    }
    positive("nash.search.partitions", partitions);
    positive("nash.search.local-steps", localSteps);
    positive("nash.search.batch-size", batchSize);
    if (stopAfter < 0) {
      throw new IllegalArgumentException(
          "nash.search.stop-after = " + stopAfter + ": must be >= 0");
    }
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException(
          "nash.search.checkpoint-every = " + checkpointEvery + ": must be >= 0");
    }
    if (!(weightLr > 0) || !(weightLrMin >= 0) || weightLrMin > weightLr) {
      throw new IllegalArgumentException(
          "nash.search.weight-lr = "
              + weightLr
              + ", weight-lr-min = "
              + weightLrMin
              + ": need lr > 0 and 0 <= min <= lr");
    }
    if (!(alphaLr > 0) || !(localAlphaLr > 0)) {
      throw new IllegalArgumentException(
          "nash.search.alpha-lr = "
              + alphaLr
              + ", local-alpha-lr = "
              + localAlphaLr
              + ": must be > 0");
    }
    if (!(gradClip >= 0)) {
      throw new IllegalArgumentException(
          "nash.search.grad-clip = " + gradClip + ": must be >= 0 (0 = no clipping)");
    }
    java.util.Objects.requireNonNull(pathSampling, "nash.search.path-sampling");
    failOnce = failOnce == null ? "" : failOnce;
    if (!failOnce.isEmpty() && !failOnce.matches("\\d+:\\d+")) {
      throw new IllegalArgumentException(
          "nash.test.fail-once = '" + failOnce + "': must be round:partition, e.g. 1:0");
    }
  }

  /** The paper's optimizer settings with the given run shape. */
  public static SearchSettings defaults(
      String runId, long seed, int rounds, int partitions, int localSteps, int batchSize) {
    return new SearchSettings(
        runId,
        seed,
        rounds,
        0,
        0,
        partitions,
        localSteps,
        batchSize,
        PathSampling.SHARED,
        0.025,
        0,
        0.9,
        3e-4,
        5,
        3e-4,
        0,
        0.999,
        1e-3,
        3e-4,
        0,
        false,
        "");
  }

  public SearchSettings withPathSampling(PathSampling s) {
    Copy c = copy();
    c.pathSampling = s;
    return c.build();
  }

  public SearchSettings withCheckpoints(int every, int stopAfterRounds, boolean resumeRun) {
    Copy c = copy();
    c.checkpointEvery = every;
    c.stopAfter = stopAfterRounds;
    c.resume = resumeRun;
    return c.build();
  }

  public SearchSettings withFailOnce(String spec) {
    Copy c = copy();
    c.failOnce = spec;
    return c.build();
  }

  /** These settings with the first {@code warmup} rounds training the weights only. */
  public SearchSettings withWarmup(int warmup) {
    Copy c = copy();
    c.warmupRounds = warmup;
    return c.build();
  }

  public SearchSettings withAlphaLr(double lr, double localLr) {
    Copy c = copy();
    c.alphaLr = lr;
    c.localAlphaLr = localLr;
    return c.build();
  }

  /** Every component, mutable: the with-methods change some and build validated settings. */
  private static final class Copy {
    String runId;
    long seed;
    int rounds;
    int warmupRounds;
    int stopAfter;
    int partitions;
    int localSteps;
    int batchSize;
    PathSampling pathSampling;
    double weightLr;
    double weightLrMin;
    double momentum;
    double weightDecay;
    double gradClip;
    double alphaLr;
    double alphaBeta1;
    double alphaBeta2;
    double alphaWeightDecay;
    double localAlphaLr;
    int checkpointEvery;
    boolean resume;
    String failOnce;

    SearchSettings build() {
      return new SearchSettings(
          runId,
          seed,
          rounds,
          warmupRounds,
          stopAfter,
          partitions,
          localSteps,
          batchSize,
          pathSampling,
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

  private Copy copy() {
    Copy c = new Copy();
    c.runId = runId;
    c.seed = seed;
    c.rounds = rounds;
    c.warmupRounds = warmupRounds;
    c.stopAfter = stopAfter;
    c.partitions = partitions;
    c.localSteps = localSteps;
    c.batchSize = batchSize;
    c.pathSampling = pathSampling;
    c.weightLr = weightLr;
    c.weightLrMin = weightLrMin;
    c.momentum = momentum;
    c.weightDecay = weightDecay;
    c.gradClip = gradClip;
    c.alphaLr = alphaLr;
    c.alphaBeta1 = alphaBeta1;
    c.alphaBeta2 = alphaBeta2;
    c.alphaWeightDecay = alphaWeightDecay;
    c.localAlphaLr = localAlphaLr;
    c.checkpointEvery = checkpointEvery;
    c.resume = resume;
    c.failOnce = failOnce;
    return c;
  }

  private static void positive(String key, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(key + " = " + v + ": must be >= 1");
    }
  }
}
