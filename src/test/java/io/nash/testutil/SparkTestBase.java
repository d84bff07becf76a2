package io.nash.testutil;

import io.nash.spark.ExecutorCache;
import io.nash.spark.SparkSessions;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Shared local Spark for tests: one session per JVM, reused across test classes while the master
 * stays the same (a restart costs seconds). UI off, loopback only, Kryo with registration required
 * (via {@link SparkSessions}); executor JVMs of {@code local-cluster} get the DJL settings of the
 * test JVM (offline, one libtorch thread). {@code local[2,4]} by default: two task slots and up to
 * four attempts per task, so fault-injection tests see retries.
 */
public abstract class SparkTestBase {
  public static final String DEFAULT_MASTER = "local[2,4]";
  private static SparkSession spark;
  private static String master;

  protected static SparkSession spark() {
    return spark(DEFAULT_MASTER);
  }

  /** The shared session on {@code m}, restarting it when another master is asked for. */
  protected static synchronized SparkSession spark(String m) {
    if (spark != null && !m.equals(master)) {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
      spark = null;
      ExecutorCache.clear();
    }
    if (spark == null) {
      Map<String, String> conf = new HashMap<>();
      conf.put("spark.ui.enabled", "false");
      conf.put("spark.ui.showConsoleProgress", "false");
      conf.put("spark.driver.host", "127.0.0.1");
      conf.put("spark.driver.bindAddress", "127.0.0.1");
      conf.put("spark.sql.shuffle.partitions", "2");
      conf.put("spark.executor.extraClassPath", System.getProperty("nash.test.classpath", ""));
      conf.put("spark.executor.memory", "768m");
      // executor JVMs of local-cluster (as the surefire JVM): DJL without downloads, one thread
      conf.put(
          "spark.executor.extraJavaOptions",
          "-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1"
              + " -Dai.djl.pytorch.num_interop_threads=1");
      spark = SparkSessions.create(m, "nash-test", conf);
      master = m;
    }
    return spark;
  }
}
