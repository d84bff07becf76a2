package io.nash.search.dist;

/**
 * Derives every random seed of a distributed search from the run seed and a position: (stage,
 * round, partition, local step, purpose). Never from a task attempt, so a retried task or a resumed
 * run draws the same numbers. Mixing is SplitMix64's finalizer applied per part. Stateless.
 */
public final class Seeds {
  /** Stage ids (the first position part). */
  public static final int STAGE_SEARCH = 1;

  public static final int STAGE_CANDIDATES = 2;

  /** Partition id used by {@code shared} path sampling: every partition gets the same seed. */
  public static final int SHARED = -1;

  private static final long ARCH = 11;
  private static final long WEIGHT = 12;
  private static final long DATA = 13;
  private static final long INIT = 14;

  private Seeds() {}

  /** SplitMix64 finalizer: a bijective mix of all 64 bits. */
  public static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
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

  /** Path seed of a search round for a partition ({@link #SHARED} for shared sampling). */
  public static long path(long runSeed, int round, int partition) {
    return derive(runSeed, STAGE_SEARCH, round, partition);
  }

  /** Seed of the architecture step's path draw at local step {@code step}. */
  public static long archPath(long pathSeed, int step) {
    return derive(pathSeed, ARCH, step);
  }

  /** Seed of the weight step's path draw at local step {@code step}. */
  public static long weightPath(long pathSeed, int step) {
    return derive(pathSeed, WEIGHT, step);
  }

  /** Seed of the sample order of one partition's slice in one epoch of a split. */
  public static long dataOrder(long runSeed, int split, long epoch, int partition) {
    return derive(runSeed, STAGE_SEARCH, DATA, split, epoch, partition);
  }

  /** Seed of an initialisation ({@code what}: 0 weights, 1 alpha). */
  public static long init(long runSeed, int what) {
    return derive(runSeed, INIT, what);
  }
}
