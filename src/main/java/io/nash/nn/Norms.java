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
 * Batch normalisation for the supernet. Both search steps normalise with the statistics of the
 * current batch: running statistics would mix every sampled path. One-shot evaluation of a
 * candidate can instead use statistics re-estimated for its own path ({@link #collect}, {@link
 * #fix}), as single-path one-shot NAS does before ranking candidates: the k-th BN call of a forward
 * pass on a fixed path is always the same layer, so calls are identified by their order ({@link
 * #beginPass}).
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

  /** Pooled per-channel sums while collecting: per BN call, [count, sum x..., sum x^2...]. */
  private List<double[]> collecting;

  /** Fixed statistics per BN call (mean, variance), or null: batch statistics. */
  private List<NDArray[]> fixed;

  private int call;
  private boolean useFixed;

  Norms(NDManager manager) {
    this.manager = manager;
  }

  /** Affine BN over channel axis 1: batch statistics, or the fixed ones of {@link #fix}. */
  NDArray affine(NDArray x, NDArray gamma, NDArray beta) {
    int k = call++;
    if (useFixed) {
      if (k >= fixed.size()) {
        throw new IllegalStateException(
            "BN call " + k + " has no fixed statistics: the path differs from the calibrated one");
      }
      NDArray[] st = fixed.get(k);
      return BatchNorm.batchNorm(x, st[0], st[1], gamma, beta, -1, 0.1f, EPS, false)
          .singletonOrThrow();
    }
    if (collecting != null) {
      accumulate(k, x);
    }
    Shape s = new Shape(x.getShape().get(1));
    NDManager m = x.getManager();
    return BatchNorm.batchNorm(x, m.zeros(s), m.ones(s), gamma, beta, -1, 0.1f, EPS, true)
        .singletonOrThrow();
  }

  /**
   * Marks the start of a forward pass (BN calls are numbered from 0 in each pass); {@code
   * fixedStats}: normalise with the fixed statistics, if any (else batch statistics).
   */
  void beginPass(boolean fixedStats) {
    call = 0;
    useFixed = fixedStats && fixed != null;
  }

  /** Starts collecting per-call statistics of the following passes (batch statistics are used). */
  void collect() {
    release();
    collecting = new ArrayList<>();
  }

  /**
   * Ends collecting and normalises later passes with the pooled mean and (biased) variance of every
   * sample seen by each BN call: {@code mean = E[x]}, {@code var = E[x^2] - E[x]^2} over all
   * collected batches and positions, the statistics of their union.
   */
  void fix() {
    if (collecting == null || collecting.isEmpty()) {
      throw new IllegalStateException("no statistics were collected");
    }
    List<NDArray[]> out = new ArrayList<>();
    for (double[] acc : collecting) {
      int c = (acc.length - 1) / 2;
      float[] mean = new float[c];
      float[] var = new float[c];
      for (int i = 0; i < c; i++) {
        double mu = acc[1 + i] / acc[0];
        mean[i] = (float) mu;
        var[i] = (float) Math.max(0, acc[1 + c + i] / acc[0] - mu * mu);
      }
      NDArray[] st = {manager.create(mean), manager.create(var)};
      out.add(st);
      all.addAll(List.of(st));
    }
    collecting = null;
    fixed = out;
  }

  /** Back to batch statistics; frees fixed statistics. */
  void release() {
    collecting = null;
    useFixed = false;
    if (fixed != null) {
      for (NDArray[] st : fixed) {
        for (NDArray a : st) {
          all.remove(a);
          a.close();
        }
      }
      fixed = null;
    }
  }

  private void accumulate(int k, NDArray x) {
    long c = x.getShape().get(1);
    while (collecting.size() <= k) {
      collecting.add(null);
    }
    double[] acc = collecting.get(k);
    if (acc == null) {
      acc = new double[1 + 2 * (int) c];
      collecting.set(k, acc);
    } else if (acc.length != 1 + 2 * c) {
      throw new IllegalStateException(
          "BN call " + k + " saw " + c + " channels after " + (acc.length - 1) / 2);
    }
    long n = x.size() / c;
    // the batch's mean and biased variance (two-pass, in libtorch), pooled in double as
    // n * mean and n * (var + mean^2), so the union's variance does not cancel in float
    int[] axes = {0, 2, 3};
    float[] mean = x.sum(axes).toFloatArray();
    for (int i = 0; i < c; i++) {
      mean[i] /= n;
    }
    NDArray mu = x.getManager().create(mean, new Shape(1, c, 1, 1));
    float[] var = x.sub(mu).square().sum(axes).toFloatArray();
    acc[0] += n;
    for (int i = 0; i < c; i++) {
      double v = var[i] / (double) n;
      acc[1 + i] += (double) n * mean[i];
      acc[1 + (int) c + i] += (double) n * (v + (double) mean[i] * mean[i]);
    }
  }

  /**
   * Non-affine BN with batch statistics computed in place on {@code x}, for values off the autograd
   * graph (the architecture step's unsampled candidates): {@code (x - mean) / sqrt(var + eps)} per
   * channel over axes 0, 2, 3, with the biased variance, as {@link #plain} computes it, without an
   * output tensor the size of {@code x}. Equal to {@link #plain} up to float rounding (the variance
   * is a 2-norm squared). Not counted as a BN call: it cannot take fixed statistics.
   */
  NDArray plainInPlace(NDArray x) {
    if (x.hasGradient()) {
      throw new IllegalArgumentException("in-place BN of a tensor that takes a gradient");
    }
    if (useFixed || collecting != null) {
      throw new IllegalStateException("in-place BN uses batch statistics only");
    }
    int[] axes = {0, 2, 3};
    long n = x.size() / x.getShape().get(1);
    try (NDArray mean = x.sum(axes, true).divi(n)) {
      x.subi(mean);
    }
    try (NDArray norm = x.norm(2, axes, true);
        NDArray var = norm.square().divi(n);
        NDArray std = var.addi(EPS).sqrt()) {
      return x.divi(std);
    }
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
