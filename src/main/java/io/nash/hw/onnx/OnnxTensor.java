package io.nash.hw.onnx;

import java.util.Arrays;
import java.util.Objects;

/**
 * A constant tensor (ONNX {@code TensorProto}, used for initializers): a name, dims and either
 * float32 or int64 values in row-major order. FINN and QONNX keep every weight, scale and threshold
 * as FLOAT even when the values are integers; INT64 is for shape-like inputs (Slice, Pad, Reshape).
 * Immutable: arrays are copied in and out. Thread-safe.
 */
public final class OnnxTensor {
  /** Element type of the values, with its {@code TensorProto.DataType} code. */
  public enum Type {
    FLOAT(OnnxFields.DT_FLOAT),
    INT64(OnnxFields.DT_INT64);

    private final int code;

    Type(int code) {
      this.code = code;
    }

    /** The {@code TensorProto.DataType} enum value. */
    public int code() {
      return code;
    }
  }

  private final String name;
  private final Type type;
  private final long[] dims;
  private final float[] floats;
  private final long[] longs;

  private OnnxTensor(String name, Type type, long[] dims, float[] floats, long[] longs) {
    this.name = requireName(name);
    this.type = type;
    this.dims = dims.clone();
    long n = 1;
    for (long d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("tensor " + name + ": dim " + d + " must be >= 0");
      }
      n *= d;
    }
    int len = floats != null ? floats.length : longs.length;
    if (n != len) {
      throw new IllegalArgumentException(
          "tensor "
              + name
              + ": dims "
              + Arrays.toString(dims)
              + " hold "
              + n
              + " values, got "
              + len);
    }
    this.floats = floats == null ? null : floats.clone();
    this.longs = longs == null ? null : longs.clone();
  }

  /** A float32 tensor; the number of values must be the product of {@code dims}. */
  public static OnnxTensor floats(String name, long[] dims, float... values) {
    return new OnnxTensor(name, Type.FLOAT, dims, Objects.requireNonNull(values, "values"), null);
  }

  /** A float32 scalar (dims {@code []}). */
  public static OnnxTensor scalar(String name, float value) {
    return floats(name, new long[0], value);
  }

  /** An int64 tensor; the number of values must be the product of {@code dims}. */
  public static OnnxTensor int64s(String name, long[] dims, long... values) {
    return new OnnxTensor(name, Type.INT64, dims, null, Objects.requireNonNull(values, "values"));
  }

  /** A 1-D int64 tensor of the given values. */
  public static OnnxTensor int64Vector(String name, long... values) {
    return int64s(name, new long[] {values.length}, values);
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public long[] dims() {
    return dims.clone();
  }

  /** Number of elements. */
  public int size() {
    return floats != null ? floats.length : longs.length;
  }

  /** The float32 values; fails for an INT64 tensor. */
  public float[] floatValues() {
    if (floats == null) {
      throw new IllegalStateException("tensor " + name + " is " + type + ", not FLOAT");
    }
    return floats.clone();
  }

  /** The int64 values; fails for a FLOAT tensor. */
  public long[] longValues() {
    if (longs == null) {
      throw new IllegalStateException("tensor " + name + " is " + type + ", not INT64");
    }
    return longs.clone();
  }

  /** Package-private view without a copy, for the writer. */
  float[] floatsView() {
    return floats;
  }

  long[] longsView() {
    return longs;
  }

  static String requireName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("ONNX name = '" + name + "': must be non-empty");
    }
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OnnxTensor t
        && name.equals(t.name)
        && type == t.type
        && Arrays.equals(dims, t.dims)
        && Arrays.equals(floats, t.floats)
        && Arrays.equals(longs, t.longs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, Arrays.hashCode(dims), Arrays.hashCode(floats));
  }

  @Override
  public String toString() {
    return name + ":" + type + Arrays.toString(dims);
  }
}
