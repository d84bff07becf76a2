package io.nash.search.api;

/**
 * The search data as the distributed engine sees it: a training split (weight steps) and a
 * validation split (architecture steps), addressed by sample index. Implementations are opened on
 * the executor by a {@link SearchDataFactory} and cached per JVM, so they must be thread-safe for
 * concurrent {@link #batch} calls.
 */
public interface SearchData {

  /** The two search splits (nash-method.md section 2: the training set split in half). */
  enum Split {
    TRAIN,
    VALID
  }

  /** Samples in {@code split}. */
  int size(Split split);

  /** The samples {@code indices} (each in {@code 0 .. size(split)-1}) of {@code split}. */
  Batch batch(Split split, int[] indices);
}
