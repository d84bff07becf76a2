package io.nash.nn.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.List;
import java.util.Random;

/**
 * The classifier: a linear layer with per-output-row signed narrow integer weights (b >= 2) or
 * bipolar weights (b = 1), and a float bias (Brevitas's default for {@code QuantLinear}: the bias
 * is not quantized). PyTorch's default initialisation U(-1/sqrt(in), 1/sqrt(in)), drawn from the
 * seeded {@link Random}. Not thread-safe.
 */
public final class QuantLinear extends NamedLayer {
  private final int in;
  private final int out;
  private final int weightBits;
  private final Param weight;
  private final Param bias;

  public QuantLinear(String name, int in, int out, int weightBits, NDManager manager, Random rng) {
    super(name);
    Quantizers.checkBits(weightBits);
    this.in = in;
    this.out = out;
    this.weightBits = weightBits;
    double bound = 1 / Math.sqrt(in);
    this.weight =
        new Param(
            name + ".weight",
            Param.Kind.WEIGHT,
            manager,
            Init.uniform(rng, in * out, bound),
            new Shape(out, in));
    this.bias =
        new Param(
            name + ".bias",
            Param.Kind.BIAS,
            manager,
            Init.uniform(rng, out, bound),
            new Shape(out));
  }

  /** {@code x} (N, in) to logits (N, out). */
  public NDArray forward(NDArray x) {
    NDArray wq = Quantizers.weight(weight.array(), weightBits);
    return Linear.linear(x, wq, bias.array()).singletonOrThrow();
  }

  public NDArray weightScale() {
    return Quantizers.weightScale(weight.array(), weightBits);
  }

  public long macs() {
    return (long) in * out;
  }

  public Param weight() {
    return weight;
  }

  public Param bias() {
    return bias;
  }

  public int in() {
    return in;
  }

  public int out() {
    return out;
  }

  public int weightBits() {
    return weightBits;
  }

  @Override
  public List<Param> params() {
    return List.of(weight, bias);
  }

  @Override
  public String describe() {
    return String.format("QuantLinear %d->%d w%d bias float", in, out, weightBits);
  }
}
