package io.nash.hw;

/**
 * A FINN/QONNX datatype of a stream, weight or threshold: {@code BIPOLAR}, {@code BINARY}, {@code
 * INTb} or {@code UINTb} (finn-reference.md section 6.3). Immutable.
 *
 * @param bits bit width
 * @param signed whether negative values occur (FINN counts BIPOLAR as signed)
 * @param bipolar true for BIPOLAR (+-1, one bit)
 */
public record DataType(int bits, boolean signed, boolean bipolar) {

  public static final DataType BIPOLAR = new DataType(1, true, true);
  public static final DataType BINARY = new DataType(1, false, false);

  public DataType {
    if (bits < 1 || bits > 64) {
      throw new IllegalArgumentException("datatype bits = " + bits + ": must be in 1..64");
    }
    if (bipolar && (bits != 1 || !signed)) {
      throw new IllegalArgumentException("BIPOLAR must be 1 bit and signed");
    }
    if (signed && !bipolar && bits < 2) {
      throw new IllegalArgumentException("signed datatype needs >= 2 bits, got " + bits);
    }
  }

  public static DataType uint(int bits) {
    return bits == 1 ? BINARY : new DataType(bits, false, false);
  }

  public static DataType sint(int bits) {
    return new DataType(bits, true, false);
  }

  /** A weight type of {@code bits}: BIPOLAR for 1 bit, else signed INTb. */
  public static DataType weights(int bits) {
    return bits == 1 ? BIPOLAR : sint(bits);
  }

  /** An activation type of {@code bits}: BIPOLAR for 1 bit, else INTb or UINTb. */
  public static DataType activation(int bits, boolean signed) {
    if (bits == 1) {
      return signed ? BIPOLAR : BINARY;
    }
    return signed ? sint(bits) : uint(bits);
  }

  /** Smallest value (as FINN's DataType.min()). */
  public long min() {
    if (bipolar) {
      return -1;
    }
    return signed ? -(1L << (bits - 1)) : 0;
  }

  /** Largest value. */
  public long max() {
    if (bipolar) {
      return 1;
    }
    return signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
  }

  /** Smallest INT/UINT type holding {@code [lo, hi]} (FINN's DataType.get_smallest_possible). */
  public static DataType smallest(long lo, long hi) {
    if (lo >= 0) {
      int b = 1;
      while (b < 63 && hi > (1L << b) - 1) {
        b++;
      }
      return uint(b);
    }
    int b = 2;
    while (b < 63 && (lo < -(1L << (b - 1)) || hi > (1L << (b - 1)) - 1)) {
      b++;
    }
    return sint(b);
  }

  /** FINN's name: BIPOLAR, BINARY, INT8, UINT4, ... */
  public String finnName() {
    if (bipolar) {
      return "BIPOLAR";
    }
    if (!signed && bits == 1) {
      return "BINARY";
    }
    return (signed ? "INT" : "UINT") + bits;
  }

  @Override
  public String toString() {
    return finnName();
  }
}
