package io.nash.hw.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A node attribute (ONNX {@code AttributeProto}) of one of the kinds FINN and the standard ops we
 * emit need: FLOAT, INT, STRING, FLOATS, INTS, STRINGS. The {@code type} field is always written
 * (onnx.proto requires it). Immutable: arrays are copied. Thread-safe.
 */
public final class OnnxAttribute {
  /** {@code AttributeProto.AttributeType} values used here. */
  public enum Kind {
    FLOAT(1),
    INT(2),
    STRING(3),
    FLOATS(6),
    INTS(7),
    STRINGS(8);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    static Kind ofCode(int code) {
      for (Kind k : values()) {
        if (k.code == code) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "attribute type = " + code + ": supported are 1,2,3,6,7,8 (FLOAT..STRINGS)");
    }
  }

  private final String name;
  private final Kind kind;
  private final float f;
  private final long i;
  private final String s;
  private final float[] floats;
  private final long[] ints;
  private final List<String> strings;

  private OnnxAttribute(
      String name, Kind kind, float f, long i, String s, float[] fs, long[] is, List<String> ss) {
    this.name = OnnxTensor.requireName(name);
    this.kind = kind;
    this.f = f;
    this.i = i;
    this.s = s;
    this.floats = fs == null ? new float[0] : fs.clone();
    this.ints = is == null ? new long[0] : is.clone();
    this.strings = ss == null ? List.of() : List.copyOf(ss);
  }

  public static OnnxAttribute of(String name, long value) {
    return new OnnxAttribute(name, Kind.INT, 0, value, null, null, null, null);
  }

  public static OnnxAttribute of(String name, float value) {
    return new OnnxAttribute(name, Kind.FLOAT, value, 0, null, null, null, null);
  }

  public static OnnxAttribute of(String name, String value) {
    return new OnnxAttribute(
        name, Kind.STRING, 0, 0, Objects.requireNonNull(value, name), null, null, null);
  }

  public static OnnxAttribute ints(String name, long... values) {
    return new OnnxAttribute(name, Kind.INTS, 0, 0, null, null, values, null);
  }

  public static OnnxAttribute floats(String name, float... values) {
    return new OnnxAttribute(name, Kind.FLOATS, 0, 0, null, values, null, null);
  }

  public static OnnxAttribute strings(String name, List<String> values) {
    return new OnnxAttribute(name, Kind.STRINGS, 0, 0, null, null, null, values);
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** The FLOAT value. */
  public float f() {
    require(Kind.FLOAT);
    return f;
  }

  /** The INT value. */
  public long i() {
    require(Kind.INT);
    return i;
  }

  /** The STRING value (UTF-8 in the file). */
  public String s() {
    require(Kind.STRING);
    return s;
  }

  public float[] floats() {
    return floats.clone();
  }

  public long[] ints() {
    return ints.clone();
  }

  public List<String> strings() {
    return strings;
  }

  private void require(Kind k) {
    if (kind != k) {
      throw new IllegalStateException("attribute " + name + " is " + kind + ", not " + k);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OnnxAttribute a
        && name.equals(a.name)
        && kind == a.kind
        && Float.compare(f, a.f) == 0
        && i == a.i
        && Objects.equals(s, a.s)
        && Arrays.equals(floats, a.floats)
        && Arrays.equals(ints, a.ints)
        && strings.equals(a.strings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, kind, f, i, s, Arrays.hashCode(ints));
  }

  @Override
  public String toString() {
    String v =
        switch (kind) {
          case FLOAT -> Float.toString(f);
          case INT -> Long.toString(i);
          case STRING -> '"' + s + '"';
          case FLOATS -> Arrays.toString(floats);
          case INTS -> Arrays.toString(ints);
          case STRINGS -> strings.toString();
        };
    return name + "=" + v;
  }
}
