package io.nash.space;

/**
 * The one derivation of every random seed in the engine, from a base seed (the run's {@code
 * nash.run.seed}, a training's seed, a dataset's seed) and a position. Each purpose has its own
 * named method with its own tag, so two purposes never share a stream, and a position never
 * includes a task attempt, so a retried task or a resumed run draws the same numbers.
 *
 * <p>Mixing is SplitMix64's output function ({@link #mix}), folded over the parts by {@link
 * #derive}; the order of the parts matters. Stateless and thread-safe.
 */
public final class Seeds {
  /** Stage ids (the first position part of search and candidate seeds). */
  public static final int STAGE_SEARCH = 1;

  public static final int STAGE_CANDIDATES = 2;

  /** Partition id used by {@code shared} path sampling: every partition gets the same seed. */
  public static final int SHARED = -1;

  /** Purpose tags, each the first part below its base seed (or below a path seed). */
  private static final long ARCH = 11;

  private static final long WEIGHT = 12;
  private static final long DATA = 13;
  private static final long INIT = 14;
  private static final long SHUFFLE = 15;
  private static final long SYNTHETIC = 16;
  private static final long AUGMENT = 17;
  private static final long TENSOR = 18;
  private static final long ARCH_PAIRS = 19;

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /**
   * SplitMix64 (Steele, Lea and Flood, 2014): the generator's output for the state {@code z} before
   * its increment, i.e. the finalizer of {@code z + 0x9E3779B97F4A7C15}. A bijection on 64 bits;
   * {@code mix(0)} is the first output of SplitMix64 seeded with 0.
   */
  public static long mix(long z) {
    z += GOLDEN_GAMMA;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A seed for the position {@code parts} under {@code seed}; order of parts matters. */
  public static long derive(long seed, long... parts) {
    long h = mix(seed);
    for (long p : parts) {
      h = mix(h ^ p);
    }
    return h;
  }

  // ---- search (stage 1) ----

  /** Path seed of a search round for a partition ({@link #SHARED} for shared sampling). */
  public static long path(long runSeed, int round, int partition) {
    return derive(runSeed, STAGE_SEARCH, round, partition);
  }

  /** Seed of the architecture step's path draw at local step {@code step}. */
  public static long archPath(long pathSeed, int step) {
    return derive(pathSeed, ARCH, step);
  }

  /** Seed of the two-path architecture gradient's candidate pairs at local step {@code step}. */
  public static long archPairs(long pathSeed, int step) {
    return derive(pathSeed, ARCH_PAIRS, step);
  }

  /** Seed of the weight step's path draw at local step {@code step}. */
  public static long weightPath(long pathSeed, int step) {
    return derive(pathSeed, WEIGHT, step);
  }

  /** Seed of the sample order of one partition's slice in one epoch of a search split. */
  public static long dataOrder(long runSeed, int split, long epoch, int partition) {
    return derive(runSeed, STAGE_SEARCH, DATA, split, epoch, partition);
  }

  /** Seed of the supernet's initial weights. */
  public static long weightInit(long runSeed) {
    return derive(runSeed, INIT, 0);
  }

  /** Seed of the initial architecture weights alpha. */
  public static long alphaInit(long runSeed) {
    return derive(runSeed, INIT, 1);
  }

  /**
   * Seed of the initial values of tensor {@code tensor} of a network initialised from {@code
   * initSeed} (one independent stream per tensor).
   */
  public static long tensorInit(long initSeed, int tensor) {
    return derive(initSeed, TENSOR, tensor);
  }

  // ---- candidates (stage 2) ----

  /** Seed of the genotype samples that candidate enumeration draws for a run. */
  public static long candidateSamples(long runSeed) {
    return derive(derive(runSeed, INIT, STAGE_CANDIDATES), STAGE_CANDIDATES);
  }

  /** Seed of the training batches that re-estimate BatchNorm for every candidate of a run. */
  public static long bnBatches(long runSeed) {
    return derive(runSeed, STAGE_CANDIDATES);
  }

  // ---- datasets and training ----

  /** Seed of the shuffled order of a dataset in epoch {@code epoch} (0 for a one-off shuffle). */
  public static long shuffle(long seed, long epoch) {
    return derive(seed, SHUFFLE, epoch);
  }

  /** Seed of the samples of split {@code split} (0 train, 1 test) of a synthetic dataset. */
  public static long synthetic(long seed, int split) {
    return derive(seed, SYNTHETIC, split);
  }

  /** Seed of the augmentation draws of a training in epoch {@code epoch}. */
  public static long augmentation(long seed, long epoch) {
    return derive(seed, AUGMENT, epoch);
  }
}
