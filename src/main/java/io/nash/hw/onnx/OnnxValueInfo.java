package io.nash.hw.onnx;

import java.util.Arrays;
import java.util.Objects;

/**
 * A typed graph input or output (ONNX {@code ValueInfoProto} with a tensor type): the name, the
 * element type (float32 here) and the shape. A dim of {@code -1} is written as the symbolic
 * dimension {@code "N"} (the batch), so ONNX Runtime accepts any batch size. Immutable and
 * thread-safe.
 */
public final class OnnxValueInfo {
  /** Marks a symbolic (batch) dimension. */
  public static final long SYMBOLIC = -1;

  /** The name written for a symbolic dimension. */
  public static final String SYMBOLIC_NAME = "N";

  private final String name;
  private final OnnxTensor.Type type;
  private final long[] dims;

  public OnnxValueInfo(String name, OnnxTensor.Type type, long... dims) {
    this.name = OnnxTensor.requireName(name);
    this.type = Objects.requireNonNull(type, "type");
    for (long d : dims) {
      if (d < SYMBOLIC) {
        throw new IllegalArgumentException(
            "value " + name + ": dim " + d + " must be >= 0 or -1 (symbolic)");
      }
    }
    this.dims = dims.clone();
  }

  /** A float32 tensor of the given shape. */
  public static OnnxValueInfo floats(String name, long... dims) {
    return new OnnxValueInfo(name, OnnxTensor.Type.FLOAT, dims);
  }

  public String name() {
    return name;
  }

  public OnnxTensor.Type type() {
    return type;
  }

  public long[] dims() {
    return dims.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OnnxValueInfo v
        && name.equals(v.name)
        && type == v.type
        && Arrays.equals(dims, v.dims);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, Arrays.hashCode(dims));
  }

  @Override
  public String toString() {
    return name + ":" + type + Arrays.toString(dims);
  }
}
