package io.nash.search.api;

/**
 * An optimizer over one flat parameter array, updated tensor by tensor so that tensors without a
 * gradient this step are skipped entirely (as PyTorch skips parameters whose grad is None: no
 * decay, no momentum). Owns its state arrays; not thread-safe (the driver calls it from one
 * thread).
 */
public interface FlatOptimizer {

  /**
   * Updates {@code params[offset .. offset+len)} with {@code grad[0 .. len)} at learning rate lr.
   */
  void update(float[] params, int offset, float[] grad, int len, double lr);

  /** The optimizer state (for checkpoints); arrays are copies. */
  float[][] state();

  /** Restores a state from {@link #state()}. */
  void restore(float[][] state);
}
