package io.nash.transport;

import io.nash.search.api.ParamLayout;
import java.util.Arrays;

/**
 * Flat weights of one state version, whole or in part: the values of some ranges {@code [start,
 * start + length)} of the flat weight array, concatenated. A full patch (one range covering
 * everything) is a snapshot; a delta patch holds the tensors that differ bitwise from the previous
 * version, so applying it to version {@code v - 1} gives version {@code v} exactly. What the driver
 * broadcasts each round ({@code spark.StateBroadcaster}) and executors apply ({@link
 * WeightReplica}). Immutable by convention: arrays are not copied (they can be large) and nobody
 * mutates them.
 */
public final class WeightPatch implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final long version;
  private final int total;
  private final int[] starts;
  private final int[] lengths;
  private final float[] values;

  /**
   * Adopts the arrays; validates that the ranges are ordered, disjoint and inside {@code total}.
   */
  public WeightPatch(long version, int total, int[] starts, int[] lengths, float[] values) {
    if (version < 0 || total < 1 || starts.length != lengths.length) {
      throw new IllegalArgumentException(
          "weight patch version = "
              + version
              + ", total = "
              + total
              + ", "
              + starts.length
              + " starts / "
              + lengths.length
              + " lengths: need >= 0, >= 1, equal counts");
    }
    long end = 0;
    long n = 0;
    for (int i = 0; i < starts.length; i++) {
      if (starts[i] < end || lengths[i] < 1 || (long) starts[i] + lengths[i] > total) {
        throw new IllegalArgumentException(
            "weight patch range "
                + i
                + " = ["
                + starts[i]
                + ", +"
                + lengths[i]
                + "): must be non-empty, ordered, disjoint and inside "
                + total);
      }
      end = (long) starts[i] + lengths[i];
      n += lengths[i];
    }
    if (n != values.length) {
      throw new IllegalArgumentException(
          "weight patch ranges cover " + n + " values but carry " + values.length);
    }
    this.version = version;
    this.total = total;
    this.starts = starts;
    this.lengths = lengths;
    this.values = values;
  }

  /** The whole of {@code weights} as version {@code version} (the array is shared, not copied). */
  public static WeightPatch full(long version, float[] weights) {
    return new WeightPatch(
        version, weights.length, new int[] {0}, new int[] {weights.length}, weights);
  }

  /**
   * The tensors of {@code layout} whose values in {@code cur} differ bitwise from {@code prev}
   * ({@link Arrays#equals(float[], int, int, float[], int, int)}: -0.0 differs from 0.0), adjacent
   * ones merged into one range. Applying the result to {@code prev} yields {@code cur} exactly.
   */
  public static WeightPatch diff(long version, float[] prev, float[] cur, ParamLayout layout) {
    if (prev.length != layout.total() || cur.length != layout.total()) {
      throw new IllegalArgumentException(
          "weight diff of "
              + prev.length
              + " and "
              + cur.length
              + " values: layout has "
              + layout.total());
    }
    int[] st = new int[layout.tensors()];
    int[] len = new int[layout.tensors()];
    int ranges = 0;
    int n = 0;
    for (int t = 0; t < layout.tensors(); t++) {
      int o = layout.offset(t);
      int e = o + layout.size(t);
      if (Arrays.equals(prev, o, e, cur, o, e)) {
        continue;
      }
      if (ranges > 0 && st[ranges - 1] + len[ranges - 1] == o) {
        len[ranges - 1] += e - o;
      } else {
        st[ranges] = o;
        len[ranges++] = e - o;
      }
      n += e - o;
    }
    float[] v = new float[n];
    int at = 0;
    for (int i = 0; i < ranges; i++) {
      System.arraycopy(cur, st[i], v, at, len[i]);
      at += len[i];
    }
    return new WeightPatch(
        version, cur.length, Arrays.copyOf(st, ranges), Arrays.copyOf(len, ranges), v);
  }

  /** Writes this patch's ranges into {@code weights} (which must have {@link #total()} values). */
  public void applyTo(float[] weights) {
    if (weights.length != total) {
      throw new IllegalArgumentException(
          "weight patch for " + total + " values applied to " + weights.length);
    }
    int at = 0;
    for (int i = 0; i < starts.length; i++) {
      System.arraycopy(values, at, weights, starts[i], lengths[i]);
      at += lengths[i];
    }
  }

  /** A new array holding this full patch's values; fails for a delta patch. */
  public float[] copyOfFull() {
    if (!isFull()) {
      throw new IllegalStateException("weight patch of version " + version + " is not full");
    }
    return values.clone();
  }

  public boolean isFull() {
    return values.length == total;
  }

  public long version() {
    return version;
  }

  public int total() {
    return total;
  }

  /** Range starts (live array: do not mutate; for serializers). */
  public int[] starts() {
    return starts;
  }

  /** Range lengths (live array: do not mutate; for serializers). */
  public int[] lengths() {
    return lengths;
  }

  /** Concatenated range values (live array: do not mutate; for serializers). */
  public float[] values() {
    return values;
  }

  /** Payload bytes on the wire: the values, two ints per range and the header. */
  public long payloadBytes() {
    return 4L * values.length + 8L * starts.length + 16;
  }
}
