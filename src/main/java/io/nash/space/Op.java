package io.nash.space;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A candidate operation on a NASH edge (nash-method.md section 1). The JSON name is the name used
 * by the reference implementation and in alpha and genotype files.
 */
public enum Op {
  NONE("none", 0),
  MAX_POOL_3X3("max_pool_3x3", 3),
  SKIP_CONNECT("skip_connect", 0),
  CONV_1X1("conv_1x1", 1),
  CONV_3X3("conv_3x3", 3),
  CONV_5X5("conv_5x5", 5);

  private final String jsonName;
  private final int kernel;

  Op(String jsonName, int kernel) {
    this.jsonName = jsonName;
    this.kernel = kernel;
  }

  /** The name used in JSON files and by the reference code, e.g. {@code conv_3x3}. */
  public String jsonName() {
    return jsonName;
  }

  /** Kernel size of a conv or pool op; 0 for {@code none} and {@code skip_connect}. */
  public int kernel() {
    return kernel;
  }

  /** True for the binarized convolutions {@code conv_kxk}. */
  public boolean isConv() {
    return this == CONV_1X1 || this == CONV_3X3 || this == CONV_5X5;
  }

  /** Parses a JSON op name; the error lists every allowed name. */
  public static Op fromName(String name) {
    for (Op op : values()) {
      if (op.jsonName.equals(name)) {
        return op;
      }
    }
    throw new IllegalArgumentException(
        "unknown op '"
            + name
            + "': allowed are "
            + Arrays.stream(values()).map(Op::jsonName).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return jsonName;
  }
}
