package io.nash.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch normalisation for the supernet. The supernet always normalises with the statistics of the
 * current batch, in both search steps and in evaluation: running statistics would mix every sampled
 * path and are never read (candidate evaluation recalibrates BN per child network).
 *
 * <p>DJL's PyTorch batch norm needs running-stat tensors. Each call gets fresh ones (two tiny
 * tensors in the step's manager): PyTorch keeps them for the backward pass, and sharing them
 * between BN layers, which update them in place, was measured to corrupt the gradients (NaN). The
 * non-affine BNs of the NAS ops (as in DARTS-style search cells) use shared constant ones/zeros as
 * gamma/beta, which are only read.
 *
 * <p>Owned by one network; not thread-safe.
 */
final class Norms {
  private static final float EPS = 1e-5f;
  private final NDManager manager;
  private final Map<Integer, NDArray[]> constants = new HashMap<>();
  private final List<NDArray> all = new ArrayList<>();

  Norms(NDManager manager) {
    this.manager = manager;
  }

  /** Affine BN over channel axis 1 with batch statistics. */
  NDArray affine(NDArray x, NDArray gamma, NDArray beta) {
    Shape s = new Shape(x.getShape().get(1));
    NDManager m = x.getManager();
    return BatchNorm.batchNorm(x, m.zeros(s), m.ones(s), gamma, beta, -1, 0.1f, EPS, true)
        .singletonOrThrow();
  }

  /** Non-affine BN (gamma 1, beta 0, not learned) with batch statistics. */
  NDArray plain(NDArray x) {
    NDArray[] c = constants(Math.toIntExact(x.getShape().get(1)));
    return affine(x, c[0], c[1]);
  }

  /** Every persistent array, so a step can temporarily attach them to its own manager. */
  List<NDArray> arrays() {
    return all;
  }

  /**
   * Creates the constants of a channel count up front (no allocation in the owner during a step).
   */
  void prepare(int channels) {
    constants(channels);
  }

  private NDArray[] constants(int channels) {
    NDArray[] b = constants.get(channels);
    if (b == null) {
      Shape s = new Shape(channels);
      b = new NDArray[] {manager.ones(s), manager.zeros(s)};
      constants.put(channels, b);
      all.addAll(List.of(b));
    }
    return b;
  }
}
