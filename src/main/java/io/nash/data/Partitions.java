package io.nash.data;

/**
 * Deterministic disjoint partitions of {@code n} indices for data-parallel training.
 *
 * <p>Strided: partition {@code p} of {@code P} holds indices {@code p, p+P, p+2P, ...}. Strided
 * (rather than contiguous) slices keep every partition a fair sample even when the data are stored
 * sorted (image folders read class by class), and their sizes differ by at most one. The union of
 * all partitions is {@code 0..n-1}. Pure functions; thread-safe.
 */
final class Partitions {
  private Partitions() {}

  /** The number of indices in partition {@code part} of {@code parts}. */
  public static int size(int n, int part, int parts) {
    check(n, part, parts);
    return n > part ? (n - part - 1) / parts + 1 : 0;
  }

  /** The indices of partition {@code part} of {@code parts}, ascending. */
  public static int[] indices(int n, int part, int parts) {
    int[] out = new int[size(n, part, parts)];
    for (int k = 0; k < out.length; k++) {
      out[k] = part + k * parts;
    }
    return out;
  }

  private static void check(int n, int part, int parts) {
    if (n < 0) {
      throw new IllegalArgumentException("n = " + n + ": must be >= 0");
    }
    if (parts < 1) {
      throw new IllegalArgumentException("partitions = " + parts + ": must be >= 1");
    }
    if (part < 0 || part >= parts) {
      throw new IllegalArgumentException("partition = " + part + ": must be in [0, " + parts + ")");
    }
  }
}
