package io.nash.search;

import io.nash.nn.SampledPath;
import io.nash.nn.Seeds;
import io.nash.nn.StepGradients;
import io.nash.nn.Supernet;

/**
 * One NASH step (nash-method.md section 2), split into "compute gradients for a batch" (runs where
 * the network is: a Spark task or the single-process {@link Searcher}) and "apply an optimizer to
 * the state" (runs where the state is: the driver), so a distributed engine can aggregate in
 * between. Order per step: architecture half (valid batch, Adam on alpha), then weight half (train
 * batch, SGD on the sampled path's weights). Stateless and thread-safe; the network passed in is
 * used by one caller at a time.
 */
public final class NashStep {
  /** Purpose tags mixed into path seeds. */
  static final int ARCH = 1;

  static final int WEIGHT = 2;

  private NashStep() {}

  /**
   * Seed of the path sampled for one half-step of one partition; a pure function of its inputs (use
   * partition 0 in one process).
   */
  public static long pathSeed(long runSeed, int epoch, long step, int half, int partition) {
    return Seeds.mix(runSeed, epoch, step, half, partition);
  }

  /**
   * Architecture half: loads {@code alpha}, samples a path from it with {@code pathSeed}, and
   * returns the alpha gradient of the mean loss on the (validation) batch. The network's weights
   * must already be loaded.
   */
  public static StepGradients archGradients(
      Supernet net, float[] alpha, float[] x, int[] y, long pathSeed) {
    net.loadAlpha(alpha);
    SampledPath p = SampledPath.sample(alpha, net.spec().opCount(), pathSeed);
    return net.archGradients(x, y, p);
  }

  /**
   * Weight half: samples a path from {@code alpha} with {@code pathSeed} and returns the gradients
   * of the weights on that path for the (training) batch. Alpha only steers the sampling here.
   */
  public static StepGradients weightGradients(
      Supernet net, float[] alpha, float[] x, int[] y, long pathSeed) {
    SampledPath p = SampledPath.sample(alpha, net.spec().opCount(), pathSeed);
    return net.weightGradients(x, y, p);
  }

  /**
   * Adam on alpha with the settings' lr, betas, eps and weight decay. Returns false, leaving the
   * state untouched, when the gradient holds a non-finite value (see {@link #allFinite}).
   */
  public static boolean applyArch(SearchState s, float[] alphaGrad, SearchSettings cfg) {
    if (!allFinite(new float[][] {alphaGrad})) {
      return false;
    }
    s.adamSteps++;
    Optimizers.adam(
        s.alpha,
        alphaGrad,
        s.adamM,
        s.adamV,
        s.adamSteps,
        cfg.archLr(),
        cfg.archBeta1(),
        cfg.archBeta2(),
        cfg.archEps(),
        cfg.archWeightDecay());
    return true;
  }

  /**
   * Gradient-norm clipping over the given gradients, then SGD (momentum, weight decay) on those
   * tensors only, with the cosine learning rate of {@code epoch}. Tensors without a gradient are
   * left untouched, momentum included (PyTorch skips parameters whose grad is None). {@code grads}
   * is scaled in place by the clipping. Returns false, leaving the state untouched, when a gradient
   * holds a non-finite value.
   */
  public static boolean applyWeights(
      SearchState s, int[] ids, float[][] grads, SearchSettings cfg, int epoch) {
    if (!allFinite(grads)) {
      return false;
    }
    Optimizers.clipGradNorm(grads, cfg.gradClip());
    double lr = cfg.weightLrAt(epoch);
    for (int k = 0; k < ids.length; k++) {
      int i = ids[k];
      s.momentum[i] =
          Optimizers.sgd(
              s.weights[i], grads[k], s.momentum[i], lr, cfg.momentum(), cfg.weightDecay());
    }
    return true;
  }

  /**
   * Whether every value is finite. A step whose gradient is not is skipped, as mixed-precision loss
   * scalers skip overflowing steps, and counted in the metrics: one NaN would otherwise poison
   * alpha for the rest of the run through Adam's moments (e.g. after a too large learning rate).
   */
  public static boolean allFinite(float[][] grads) {
    for (float[] g : grads) {
      for (float v : g) {
        if (!Float.isFinite(v)) {
          return false;
        }
      }
    }
    return true;
  }
}
