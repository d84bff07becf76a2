package io.nash.spark;

import io.nash.transport.WeightPatch;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A handle to one published {@link WeightPatch}, shipped in task closures: a Spark broadcast when
 * executors are other JVMs, or in local mode (driver and executor are one JVM) the driver's own
 * object, held in a JVM-wide table until destroyed. Local mode would otherwise serialize every
 * patch into broadcast pieces nobody reads (its tasks read the driver's stored value): 6-11 MB per
 * round at width 16. Immutable; the table is thread-safe.
 */
abstract class PatchRef implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<Long, WeightPatch> IN_JVM = new ConcurrentHashMap<>();
  private static final AtomicLong IDS = new AtomicLong();

  PatchRef() {}

  /** Publishes {@code p}: in this JVM when {@code jsc} runs in local mode, else as a broadcast. */
  static PatchRef publish(JavaSparkContext jsc, WeightPatch p) {
    return jsc.isLocal() ? new InJvm(p) : new Broadcasted(jsc.broadcast(p));
  }

  /** The patch (an executor may fetch it first). */
  public abstract WeightPatch value();

  /** Releases the patch; a later {@link #value} fails. */
  public abstract void destroy();

  /**
   * A stand-in for the newest delta of version {@code version} while its broadcast is still being
   * published: the round's tasks carry that delta themselves ({@link PartitionWork#newest}), so
   * reading it here is a bug and fails loudly.
   */
  static PatchRef pushedOnly(long version) {
    return new PushedOnly(version);
  }

  /** Patches held in this JVM's table (for tests: destroyed patches leave it). */
  static int inJvmCount() {
    return IN_JVM.size();
  }

  private static final class Broadcasted extends PatchRef {
    private static final long serialVersionUID = 1L;
    private final Broadcast<WeightPatch> b;

    Broadcasted(Broadcast<WeightPatch> b) {
      this.b = b;
    }

    @Override
    public WeightPatch value() {
      return b.value();
    }

    @Override
    public void destroy() {
      b.destroy();
    }
  }

  private static final class PushedOnly extends PatchRef {
    private static final long serialVersionUID = 1L;
    private final long version;

    PushedOnly(long version) {
      this.version = version;
    }

    @Override
    public WeightPatch value() {
      throw new IllegalStateException(
          "the delta of version "
              + version
              + " travels with the round's tasks, but this task carries none");
    }

    @Override
    public void destroy() {}
  }

  private static final class InJvm extends PatchRef {
    private static final long serialVersionUID = 1L;
    private final long id;
    private final long version;

    InJvm(WeightPatch p) {
      this.id = IDS.incrementAndGet();
      this.version = p.version();
      IN_JVM.put(id, p);
    }

    @Override
    public WeightPatch value() {
      WeightPatch p = IN_JVM.get(id);
      if (p == null) {
        throw new IllegalStateException(
            "weight patch of version "
                + version
                + " was released or published in another JVM (in-JVM patches serve local mode"
                + " only)");
      }
      return p;
    }

    @Override
    public void destroy() {
      IN_JVM.remove(id);
    }
  }
}
