package io.nash.nn.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.List;
import java.util.Random;

/**
 * A bias-free 2-D convolution with fake-quantized weights (Brevitas {@code QuantConv2d}): per
 * output channel, signed narrow integers scaled by max|W| for b >= 2, bipolar scaled by mean|W| for
 * b = 1 ({@link Quantizers#weight}). Input and output spatial sizes are fixed at construction so
 * the MAC count is known without running the network. Weights start as Kaiming-normal draws from
 * the given seeded {@link Random}. Not thread-safe.
 */
public final class QuantConv2d extends NamedLayer {
  /** Which bit-width setting the weights use; the exporter and hardware model read it. */
  public enum Role {
    FIRST,
    BACKBONE,
    SHORTCUT,
    NAS
  }

  private final Role role;
  private final int in;
  private final int out;
  private final int kernel;
  private final int stride;
  private final int padding;
  private final int weightBits;
  private final int inHeight;
  private final int inWidth;
  private final Param weight;

  public QuantConv2d(
      String name,
      Role role,
      int in,
      int out,
      int kernel,
      int stride,
      int padding,
      int weightBits,
      int inHeight,
      int inWidth,
      NDManager manager,
      Random rng) {
    super(name);
    Quantizers.checkBits(weightBits);
    if (in < 1 || out < 1 || kernel < 1 || stride < 1 || padding < 0) {
      throw new IllegalArgumentException(
          name + ": bad conv geometry in=" + in + " out=" + out + " k=" + kernel + " s=" + stride);
    }
    this.role = role;
    this.in = in;
    this.out = out;
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    this.weightBits = weightBits;
    this.inHeight = inHeight;
    this.inWidth = inWidth;
    int fanIn = in * kernel * kernel;
    this.weight =
        new Param(
            name + ".weight",
            Param.Kind.WEIGHT,
            manager,
            Init.normal(rng, out * fanIn, Math.sqrt(2.0 / fanIn)),
            new Shape(out, in, kernel, kernel));
  }

  /**
   * Convolution of {@code x} (N, in, H, W) with the quantized weights: libtorch's conv, whose
   * gradients are exact and repeatable once {@link io.nash.nn.TorchRuntime} has switched oneDNN off
   * for narrow widths (the child network does that when it is built).
   */
  public NDArray forward(NDArray x) {
    return Conv2d.conv2d(
            x,
            Quantizers.weight(weight.array(), weightBits),
            null,
            new Shape(stride, stride),
            new Shape(padding, padding),
            new Shape(1, 1))
        .singletonOrThrow();
  }

  /** Detached per-output-channel scales, shape (out, 1, 1, 1). */
  public NDArray weightScale() {
    return Quantizers.weightScale(weight.array(), weightBits);
  }

  public int outHeight() {
    return (inHeight + 2 * padding - kernel) / stride + 1;
  }

  public int outWidth() {
    return (inWidth + 2 * padding - kernel) / stride + 1;
  }

  /** Multiply-accumulates per image. */
  public long macs() {
    return (long) outHeight() * outWidth() * out * in * kernel * kernel;
  }

  public long weightCount() {
    return (long) out * in * kernel * kernel;
  }

  public Param weight() {
    return weight;
  }

  public Role role() {
    return role;
  }

  public int in() {
    return in;
  }

  public int out() {
    return out;
  }

  public int kernel() {
    return kernel;
  }

  public int stride() {
    return stride;
  }

  public int padding() {
    return padding;
  }

  /** Height of the input map. */
  public int inHeight() {
    return inHeight;
  }

  /** Width of the input map. */
  public int inWidth() {
    return inWidth;
  }

  /** 1 = bipolar (BipolarQuant), else signed narrow integers (Quant signed=1 narrow=1). */
  public int weightBits() {
    return weightBits;
  }

  @Override
  public List<Param> params() {
    return List.of(weight);
  }

  @Override
  public String describe() {
    return String.format(
        "QuantConv2d %s %d->%d k%d s%d p%d w%d%s in %dx%d",
        role,
        in,
        out,
        kernel,
        stride,
        padding,
        weightBits,
        weightBits == 1 ? "(bipolar)" : "",
        inHeight,
        inWidth);
  }
}
