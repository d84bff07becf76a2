package io.nash.data;

import io.nash.space.Seeds;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Seeded shuffling and batching. Pure functions of their arguments; thread-safe.
 *
 * <p>An epoch's order depends only on (seed, epoch): a retried task or a resumed run sees the same
 * batches.
 */
public final class Batches {
  private Batches() {}

  /**
   * A permutation of {@code 0..n-1}: Fisher-Yates driven by a {@link SplittableRandom} seeded with
   * {@link Seeds#shuffle Seeds.shuffle(seed, epoch)}.
   */
  public static int[] permutation(int n, long seed, int epoch) {
    int[] order = identity(n);
    SplittableRandom rng = new SplittableRandom(Seeds.shuffle(seed, epoch));
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** {@code 0, 1, ..., n-1}. */
  public static int[] identity(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n = " + n + ": must be >= 0");
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  /** Number of batches of {@code batchSize} over {@code n} items. */
  public static int count(int n, int batchSize, boolean dropLast) {
    requireBatchSize(batchSize);
    return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
  }

  /**
   * Batches of {@code dataset} in the given order of indices. With {@code dropLast} a final batch
   * smaller than {@code batchSize} is skipped; otherwise it is returned short.
   */
  public static Iterator<Batch> iterate(
      ImageDataset dataset, int[] order, int batchSize, boolean dropLast) {
    int batches = count(order.length, batchSize, dropLast);
    int[] ord = order.clone();
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < batches;
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException("all " + batches + " batches returned");
        }
        int from = next * batchSize;
        int to = Math.min(from + batchSize, ord.length);
        next++;
        return dataset.batch(ord, from, to);
      }
    };
  }

  private static void requireBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size = " + batchSize + ": must be >= 1");
    }
  }
}
