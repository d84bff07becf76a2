package io.nash.transport;

import java.util.ArrayList;
import java.util.List;

/**
 * An executor JVM's copy of the driver's flat weights, brought to the version a task needs by
 * applying the driver's delta patches, so that a current executor reads one small delta per round
 * instead of the full state. A replica that is missing, of another lineage (another engine, run or
 * resumed run), or further behind than the oldest delta the driver keeps, is rebuilt from the full
 * base patch plus the deltas after it; every path yields the same bits as the driver's array. One
 * per (run, layout size) and JVM, held in {@code spark.ExecutorCache}. Thread-safe: {@link #sync}
 * is synchronized. The returned array is updated in place by a later version's sync; rounds run one
 * after another, so only a zombie attempt of a finished round could still be reading it, and Spark
 * discards such results.
 */
public final class WeightReplica {

  /** Where the patches of one target version come from (the broadcasts of a round). */
  public interface Source {
    /** Identity of the driver-side sequence of versions; versions of two lineages never mix. */
    String lineage();

    /** The version the task needs. */
    long target();

    /** The version of {@link #base()}, {@code <= target()}. */
    long baseVersion();

    /** The full weights of {@link #baseVersion()}. */
    WeightPatch base();

    /** The oldest version from which deltas reach the target ({@code <= baseVersion()}). */
    long oldestReachable();

    /** The delta from version {@code v - 1} to {@code v}, for {@code oldestReachable() < v}. */
    WeightPatch delta(long v);
  }

  /**
   * {@code src} with the delta of its target version taken from {@code newest} (a patch pushed with
   * the task) instead of {@code src.delta(target)}; older versions and the base still come from
   * {@code src}. {@code null}: {@code src} itself.
   */
  public static Source withNewest(Source src, WeightPatch newest) {
    if (newest == null) {
      return src;
    }
    long target = src.target();
    if (newest.version() != target || newest.isFull()) {
      throw new IllegalArgumentException(
          "pushed patch of version "
              + newest.version()
              + (newest.isFull() ? " (full)" : "")
              + " is not the delta of target version "
              + target);
    }
    return new Source() {
      @Override
      public String lineage() {
        return src.lineage();
      }

      @Override
      public long target() {
        return target;
      }

      @Override
      public long baseVersion() {
        return src.baseVersion();
      }

      @Override
      public WeightPatch base() {
        return src.base();
      }

      @Override
      public long oldestReachable() {
        return src.oldestReachable();
      }

      @Override
      public WeightPatch delta(long v) {
        return v == target ? newest : src.delta(v);
      }
    };
  }

  private String lineage;
  private long version = -1;
  private float[] weights;
  private long rebuilds;

  /** The weights of {@code src.target()}; callers must not mutate the array. */
  public synchronized float[] sync(Source src) {
    long target = src.target();
    boolean same = weights != null && src.lineage().equals(lineage);
    if (same && version == target) {
      return weights;
    }
    if (same && version > target) {
      // an old attempt after newer rounds ran here: build its state aside, keep the replica
      return rebuilt(src);
    }
    if (same && version >= src.oldestReachable()) {
      List<WeightPatch> chain = deltas(src, version + 1, target);
      version = -1; // invalid until every patch is in, should applying fail halfway
      apply(chain, weights);
      version = target;
      return weights;
    }
    float[] w = rebuilt(src);
    weights = w;
    lineage = src.lineage();
    version = target;
    rebuilds++;
    return w;
  }

  /** Version held (-1: none or invalid). */
  public synchronized long version() {
    return version;
  }

  /** How often this replica was rebuilt from a full base (a fresh or stale JVM). */
  public synchronized long rebuilds() {
    return rebuilds;
  }

  private static float[] rebuilt(Source src) {
    WeightPatch base = src.base();
    if (base.version() != src.baseVersion() || !base.isFull()) {
      throw new IllegalStateException(
          "base patch of version " + base.version() + " is not the full state of the base");
    }
    List<WeightPatch> chain = deltas(src, src.baseVersion() + 1, src.target());
    float[] w = base.copyOfFull();
    apply(chain, w);
    return w;
  }

  /** Fetches deltas {@code from..to} before anything is changed, checking their versions. */
  private static List<WeightPatch> deltas(Source src, long from, long to) {
    List<WeightPatch> out = new ArrayList<>();
    for (long v = from; v <= to; v++) {
      WeightPatch d = src.delta(v);
      if (d.version() != v) {
        throw new IllegalStateException("delta patch " + d.version() + " arrived for version " + v);
      }
      out.add(d);
    }
    return out;
  }

  private static void apply(List<WeightPatch> chain, float[] w) {
    for (WeightPatch d : chain) {
      d.applyTo(w);
    }
  }
}
