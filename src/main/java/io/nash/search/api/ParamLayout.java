package io.nash.search.api;

import java.util.Arrays;
import java.util.List;

/**
 * How a model's weights lie in one flat {@code float[]}: tensor {@code i} is named {@code names[i]}
 * and occupies {@code [offset(i), offset(i) + size(i))}. Sparse updates address tensors by index.
 * Immutable and thread-safe.
 */
public final class ParamLayout {
  private final List<String> names;
  private final int[] sizes;
  private final int[] offsets;
  private final int total;

  public ParamLayout(List<String> names, int[] sizes) {
    if (names.size() != sizes.length || sizes.length == 0) {
      throw new IllegalArgumentException(
          "param layout has "
              + names.size()
              + " names and "
              + sizes.length
              + " sizes: must be the same, >= 1");
    }
    this.names = List.copyOf(names);
    this.sizes = sizes.clone();
    this.offsets = new int[sizes.length];
    long off = 0;
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] < 1) {
        throw new IllegalArgumentException(
            "param tensor '" + names.get(i) + "' size = " + sizes[i] + ": must be >= 1");
      }
      offsets[i] = (int) off;
      off += sizes[i];
    }
    if (off > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("param layout of " + off + " values: too large");
    }
    this.total = (int) off;
  }

  public int tensors() {
    return sizes.length;
  }

  public String name(int tensor) {
    return names.get(tensor);
  }

  public int size(int tensor) {
    return sizes[tensor];
  }

  public int offset(int tensor) {
    return offsets[tensor];
  }

  /** Total values in the flat array. */
  public int total() {
    return total;
  }

  /** A stable fingerprint of names and sizes, to refuse a checkpoint of another model. */
  public long fingerprint() {
    return 31L * names.hashCode() + Arrays.hashCode(sizes);
  }
}
