package io.nash.spark;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the SparkSession of a NASH run: any master ({@code local[*]} by default), Kryo with
 * registration required, unsafe (bulk) array streams and {@link NashKryoRegistrator}, {@code
 * spark.task.cpus} set to all of an executor's cores so that each training task owns its JVM's
 * autograd and libtorch uses those cores as intra-op threads (platform-notes.md), uncompressed
 * broadcasts and task results up to {@value #DIRECT_RESULT_MAX} returned directly (a round's
 * payload is float arrays, which do not compress). Extra settings win over these defaults.
 */
public final class SparkSessions {
  public static final String DEFAULT_MASTER = "local[*]";

  /** Largest task result sent with the task's status update (larger ones via the block manager). */
  public static final String DIRECT_RESULT_MAX = "64m";

  private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)(,\\d+)?]");
  private static final Pattern CLUSTER = Pattern.compile("local-cluster\\[\\d+,(\\d+),\\d+]");

  private SparkSessions() {}

  /** The Spark settings of a run (before {@code extra}). */
  public static SparkConf conf(String master, String appName, Map<String, String> extra) {
    // Under spark-submit the master arrives as the system property spark.master and wins.
    String submitted = System.getProperty("spark.master");
    String m =
        submitted != null
            ? submitted
            : master == null || master.isBlank() ? DEFAULT_MASTER : master;
    SparkConf c =
        new SparkConf()
            .setMaster(m)
            .setAppName(appName)
            .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
            .set("spark.kryo.registrator", NashKryoRegistrator.class.getName())
            .set("spark.kryo.registrationRequired", "true");
    // The rest are defaults: spark-submit's --conf (system properties) and extra settings win.
    // Rounds move tens of MB of float arrays each way. LZ4 leaves float32 weights at 100.1 % of
    // their size (measured), for ~15-20 ms per 8 MB on the driver and more on every executor.
    c.setIfMissing("spark.broadcast.compress", "false");
    // Kryo's unsafe streams copy float arrays in bulk instead of value by value.
    c.setIfMissing("spark.kryo.unsafe", "true");
    // Task results up to this size ride on the status update instead of a block-manager round
    // trip (Spark caps it at spark.rpc.message.maxSize, 128 MiB by default).
    c.setIfMissing("spark.task.maxDirectResultSize", DIRECT_RESULT_MAX);
    String executorCores =
        extra.getOrDefault("spark.executor.cores", c.get("spark.executor.cores", null));
    if (!c.contains("spark.task.cpus") || extra.containsKey("spark.executor.cores")) {
      c.set("spark.task.cpus", Integer.toString(trainTaskCpus(m, executorCores)));
    }
    extra.forEach(c::set);
    return c;
  }

  public static SparkSession create(String master, String appName, Map<String, String> extra) {
    return SparkSession.builder().config(conf(master, appName, extra)).getOrCreate();
  }

  /**
   * Cores of one executor for the master: N of {@code local[N]} (all processors for {@code *}), the
   * cores per worker of {@code local-cluster[n,c,m]}, else {@code spark.executor.cores} (1 if
   * unset, Spark's default on YARN and Kubernetes).
   */
  public static int trainTaskCpus(String master, String executorCores) {
    if (master.equals("local")) {
      return 1;
    }
    Matcher l = LOCAL.matcher(master);
    if (l.matches()) {
      return l.group(1).equals("*")
          ? Runtime.getRuntime().availableProcessors()
          : Integer.parseInt(l.group(1));
    }
    Matcher lc = CLUSTER.matcher(master);
    if (lc.matches()) {
      return Integer.parseInt(lc.group(1));
    }
    if (executorCores == null) {
      return 1;
    }
    try {
      int n = Integer.parseInt(executorCores.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error
    }
    throw new IllegalArgumentException(
        "spark.executor.cores = '" + executorCores + "': must be an integer >= 1");
  }
}
