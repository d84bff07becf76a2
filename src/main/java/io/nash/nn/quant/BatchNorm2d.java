package io.nash.nn.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;

/**
 * Float batch normalisation over channels (axis 1) with running statistics, as PyTorch's {@code
 * BatchNorm2d} (eps 1e-5; running = 0.9 * running + 0.1 * batch, DJL momentum 0.9). In hardware it
 * folds into the following thresholds. Training updates the running buffers in place. Not
 * thread-safe.
 */
public final class BatchNorm2d extends NamedLayer {
  static final float MOMENTUM = 0.9f;
  public static final float EPS = 1e-5f;

  private final int channels;
  private final Param gamma;
  private final Param beta;
  private final Param runningMean;
  private final Param runningVar;

  public BatchNorm2d(String name, int channels, NDManager manager) {
    super(name);
    this.channels = channels;
    Shape s = new Shape(channels);
    gamma = new Param(name + ".gamma", Param.Kind.GAMMA, manager, Init.constant(channels, 1f), s);
    beta = new Param(name + ".beta", Param.Kind.BETA, manager, Init.constant(channels, 0f), s);
    runningMean =
        new Param(
            name + ".running_mean",
            Param.Kind.RUNNING_MEAN,
            manager,
            Init.constant(channels, 0f),
            s);
    runningVar =
        new Param(
            name + ".running_var", Param.Kind.RUNNING_VAR, manager, Init.constant(channels, 1f), s);
  }

  /** Batch statistics (and a running-statistics update) when training, running ones otherwise. */
  public NDArray forward(NDArray x, boolean training) {
    return BatchNorm.batchNorm(
            x,
            runningMean.array(),
            runningVar.array(),
            gamma.array(),
            beta.array(),
            1,
            MOMENTUM,
            EPS,
            training)
        .singletonOrThrow();
  }

  public int channels() {
    return channels;
  }

  public Param gamma() {
    return gamma;
  }

  public Param beta() {
    return beta;
  }

  public Param runningMean() {
    return runningMean;
  }

  public Param runningVar() {
    return runningVar;
  }

  @Override
  public List<Param> params() {
    return List.of(gamma, beta, runningMean, runningVar);
  }

  @Override
  public String describe() {
    return "BatchNorm2d " + channels + " eps " + EPS;
  }
}
