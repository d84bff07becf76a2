package io.nash.spark;

import io.nash.search.api.ParamLayout;
import io.nash.transport.WeightPatch;
import io.nash.transport.WeightReplica;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongPredicate;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Driver side of the weight transport: turns each round's flat weights into a new version, and
 * broadcasts only its delta (the tensors that differ bitwise from the previous version) plus, every
 * {@code fullEvery} versions, a full base ({@code fullEvery = 1}: a full state every round and no
 * deltas, the plain scheme). It keeps the last {@code fullEvery} deltas alive, so an executor at
 * most that many versions behind catches up from deltas alone, and any other executor from the base
 * plus fewer than {@code fullEvery} deltas; older broadcasts are destroyed. In local mode the
 * patches are published in the JVM instead of broadcast ({@link PatchRef}). Exact by construction:
 * the diff is bitwise, whatever the optimizer did. Its own copy of the newest version makes it
 * independent of callers reusing their arrays.
 *
 * <p><b>Pushed deltas are broadcast in the background.</b> When the engine pushes the newest delta
 * with every task ({@link #next(float[], LongPredicate)}), only an executor that missed earlier
 * versions reads broadcasts, and those are the deltas of earlier rounds. So the newest delta's
 * broadcast (serializing and storing 6-25 MB at width 16) is published by a background thread once
 * the round's tasks are done ({@link #publishPushed}, called by the engine when its job returns),
 * while the driver applies the round's update: off the round's critical path, and not on a core the
 * tasks compute on. The round's chain holds a stand-in for it ({@link PatchRef#pushedOnly}), and
 * the next version waits for the publication (or, without that call, publishes it itself) and puts
 * the real handle in its place. Bases are published in the calling thread. Driver-side; not
 * thread-safe (one caller; the background thread only publishes).
 */
final class StateBroadcaster implements AutoCloseable {
  private final JavaSparkContext jsc;
  private final ParamLayout layout;
  private final String lineage;
  private final int fullEvery;
  private final ArrayDeque<PatchRef> deltas = new ArrayDeque<>();
  private float[] current; // own copy of the newest version
  private long version = -1;
  private long baseVersion;
  private PatchRef base;
  private long lastBytes;
  private WeightPatch lastDelta;
  private WeightPatch deferred; // the newest pushed delta, until publishPushed hands it over
  private Future<PatchRef> pending; // the newest delta's broadcast, while it is being published
  private ExecutorService publisher; // one daemon thread, created on the first background publish

  public StateBroadcaster(JavaSparkContext jsc, ParamLayout layout, String lineage, int fullEvery) {
    if (fullEvery < 1) {
      throw new IllegalArgumentException(
          FULL_EVERY_KEY + " = " + fullEvery + ": must be >= 1 (1 = full state every round)");
    }
    this.jsc = jsc;
    this.layout = layout;
    this.lineage = lineage;
    this.fullEvery = fullEvery;
  }

  /** Spark setting: rounds between full-state broadcasts (default {@value #DEFAULT_FULL_EVERY}). */
  public static final String FULL_EVERY_KEY = "spark.nash.broadcast.full-every";

  public static final int DEFAULT_FULL_EVERY = 8;

  /** Publishes {@code weights} as the next version; the handles a task needs to read it. */
  public PatchChain next(float[] weights) {
    return next(weights, bytes -> false);
  }

  /**
   * Publishes {@code weights} as the next version. {@code pushed} tells, from the payload bytes of
   * the new delta, whether the caller will push that delta with every task ({@link
   * WeightReplica#withNewest}); if so, outside local mode, its broadcast waits for {@link
   * #publishPushed} and the returned chain holds a stand-in for it (class doc).
   */
  public PatchChain next(float[] weights, LongPredicate pushed) {
    settlePending();
    version++;
    long bytes = 0;
    lastDelta = null;
    if (current == null || fullEvery == 1) {
      current = weights.clone(); // with a base every round, deltas would never be read
    } else {
      WeightPatch d = WeightPatch.diff(version, current, weights, layout);
      d.applyTo(current);
      if (!jsc.isLocal() && pushed.test(d.payloadBytes())) {
        deltas.addLast(PatchRef.pushedOnly(version));
        deferred = d;
      } else {
        deltas.addLast(PatchRef.publish(jsc, d));
      }
      bytes += d.payloadBytes();
      lastDelta = d;
      while (deltas.size() > fullEvery) {
        deltas.removeFirst().destroy();
      }
    }
    if (base == null || version - baseVersion >= fullEvery) {
      if (base != null) {
        base.destroy();
      }
      // its own array: current is patched in place by later versions (not when fullEvery = 1)
      WeightPatch full = WeightPatch.full(version, fullEvery == 1 ? current : current.clone());
      base = PatchRef.publish(jsc, full);
      baseVersion = version;
      bytes += full.payloadBytes();
    }
    lastBytes = bytes;
    return new PatchChain(
        lineage,
        version,
        baseVersion,
        base,
        version - deltas.size() + 1,
        deltas.toArray(new PatchRef[0]));
  }

  /**
   * Payload bytes broadcast by the last {@link #next} (its delta, plus a base when one was due).
   */
  public long lastBytes() {
    return lastBytes;
  }

  /**
   * The delta of the last {@link #next} (from the version before), or null when it broadcast only a
   * full state (the first version, or {@code fullEvery = 1}). Shared: do not mutate.
   */
  public WeightPatch lastDelta() {
    return lastDelta;
  }

  /**
   * Spark setting: most bytes of pushed deltas per round (default {@value #DEFAULT_INLINE_MAX}).
   */
  public static final String INLINE_MAX_KEY = "spark.nash.broadcast.inline-max";

  public static final String DEFAULT_INLINE_MAX = "64m";

  /**
   * Starts publishing the newest pushed delta's broadcast in a background thread (nothing to do
   * when the last version pushed none). Call it once the round's tasks have their delta, i.e. when
   * the round's job returns: the publication then shares the driver with the update step instead of
   * taking CPU from running tasks.
   */
  public void publishPushed() {
    if (deferred != null) {
      WeightPatch d = deferred;
      deferred = null;
      pending = publisher().submit(() -> PatchRef.publish(jsc, d));
    }
  }

  /** Waits for the newest delta's background broadcast and puts it in place of its stand-in. */
  private void settlePending() {
    if (deferred != null) { // never handed to the background: publish it here
      WeightPatch d = deferred;
      deferred = null;
      deltas.removeLast();
      deltas.addLast(PatchRef.publish(jsc, d));
      return;
    }
    if (pending == null) {
      return;
    }
    PatchRef ref;
    try {
      ref = pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while broadcasting weight version " + version, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "broadcasting the delta of weight version " + version + " failed", e.getCause());
    } finally {
      pending = null;
    }
    deltas.removeLast(); // the stand-in of this very version
    deltas.addLast(ref);
  }

  private ExecutorService publisher() {
    if (publisher == null) {
      publisher =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "nash-broadcast-" + lineage);
                t.setDaemon(true);
                return t;
              });
    }
    return publisher;
  }

  @Override
  public void close() {
    deferred = null;
    try {
      settlePending();
    } catch (IllegalStateException e) {
      // nothing to release: the publication failed
    }
    if (publisher != null) {
      publisher.shutdown();
      publisher = null;
    }
    deltas.forEach(PatchRef::destroy);
    deltas.clear();
    if (base != null) {
      base.destroy();
      base = null;
    }
  }
}
