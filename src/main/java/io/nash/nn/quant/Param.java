package io.nash.nn.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * One named tensor of a child network: a trainable weight, bias or BN affine parameter, or a BN
 * running statistic (a buffer, not trained). The name is stable ({@code g1.n3.conv.weight}) so
 * checkpoints, the exporter and weight transfer can address it. The array is owned by the network's
 * manager; not thread-safe (training mutates it in place).
 */
public final class Param {
  /** What the tensor is, for exporters and weight decay. */
  public enum Kind {
    WEIGHT,
    BIAS,
    GAMMA,
    BETA,
    RUNNING_MEAN,
    RUNNING_VAR
  }

  private final String name;
  private final Kind kind;
  private final NDArray array;

  Param(String name, Kind kind, NDManager manager, float[] values, Shape shape) {
    this.name = Objects.requireNonNull(name, "name");
    this.kind = kind;
    // zeros + set copies the values into tensor-owned memory
    this.array = manager.zeros(shape);
    array.set(values);
    if (trainable()) {
      array.setRequiresGradient(true);
    }
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** The live array (float weights, not quantized). */
  public NDArray array() {
    return array;
  }

  public Shape shape() {
    return array.getShape();
  }

  /** Weights, biases and BN affine parameters train; running statistics do not. */
  public boolean trainable() {
    return kind != Kind.RUNNING_MEAN && kind != Kind.RUNNING_VAR;
  }

  /** A copy of the values. */
  public float[] values() {
    return array.toFloatArray();
  }

  /** Overwrites the values in place; the length must match. */
  public void load(float[] values) {
    if (values.length != array.size()) {
      throw new IllegalArgumentException(
          "parameter " + name + ": " + values.length + " values, expected " + array.size());
    }
    array.set(values);
  }

  @Override
  public String toString() {
    return name + shape();
  }
}
