package io.nash.search.engine;

import io.nash.space.Seeds;
import java.util.SplittableRandom;

/**
 * Which samples a partition uses at each step. Partition {@code p} of {@code P} owns the index
 * slice {@code [p*N/P, (p+1)*N/P)} of a split; it walks that slice in a seeded random order per
 * epoch, {@code batch} samples per step, dropping the remainder. A pure function of (run seed,
 * split, partition, global step), so retries and resumes get the same batches. Stateless.
 */
final class BatchPlanner {
  private BatchPlanner() {}

  /** First index of partition {@code p}'s slice of a split of {@code n} samples. */
  public static int sliceStart(int n, int partitions, int p) {
    return (int) ((long) p * n / partitions);
  }

  /**
   * Indices for global step {@code step} of partition {@code p}.
   *
   * @param split 0 = train, 1 = valid (only mixes the seed)
   */
  public static int[] indices(
      long runSeed, int split, int n, int partitions, int p, int batch, long step) {
    if (partitions < 1 || p < 0 || p >= partitions) {
      throw new IllegalArgumentException(
          "partition " + p + " of " + partitions + ": must be in 0.." + (partitions - 1));
    }
    int start = sliceStart(n, partitions, p);
    int len = sliceStart(n, partitions, p + 1) - start;
    if (batch < 1 || len < batch) {
      throw new IllegalArgumentException(
          "nash.search.batch-size = "
              + batch
              + ": must be >= 1 and <= the "
              + len
              + " samples of partition "
              + p
              + " of "
              + partitions
              + " (split of "
              + n
              + ")");
    }
    int perEpoch = len / batch;
    long epoch = step / perEpoch;
    int pos = (int) (step % perEpoch);
    int[] perm = permutation(len, Seeds.dataOrder(runSeed, split, epoch, p));
    int[] out = new int[batch];
    for (int i = 0; i < batch; i++) {
      out[i] = start + perm[pos * batch + i];
    }
    return out;
  }

  /** A Fisher-Yates shuffle of {@code 0..n-1} from {@code seed}. */
  static int[] permutation(int n, long seed) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
