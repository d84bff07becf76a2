package io.nash.search;

/**
 * The labelled images a search reads: the training set (the searcher splits it by {@code
 * train_portion}). Images are already normalized floats, {@code channels x height x width}
 * row-major. {@code io.nash.data.ImageDataset} provides exactly these methods; an adapter is one
 * line per method. Implementations must be safe for concurrent reads.
 */
public interface ImageSource {
  int size();

  int channels();

  int height();

  int width();

  int classes();

  int label(int i);

  /** Copies image {@code i} into {@code dst} at {@code offset}. */
  void copyImage(int i, float[] dst, int offset);
}
