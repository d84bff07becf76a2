package io.nash.spark;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the SparkSession of a NASH run: any master ({@code local[*]} by default), Kryo with
 * registration required and {@link NashKryoRegistrator}, and {@code spark.task.cpus} set to all of
 * an executor's cores so that each training task owns its JVM's autograd and libtorch uses those
 * cores as intra-op threads (platform-notes.md). Extra settings win over these defaults.
 */
public final class SparkSessions {
  public static final String DEFAULT_MASTER = "local[*]";
  private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)(,\\d+)?]");
  private static final Pattern CLUSTER = Pattern.compile("local-cluster\\[\\d+,(\\d+),\\d+]");

  private SparkSessions() {}

  /** The Spark settings of a run (before {@code extra}). */
  public static SparkConf conf(String master, String appName, Map<String, String> extra) {
    String m = master == null || master.isBlank() ? DEFAULT_MASTER : master;
    SparkConf c =
        new SparkConf()
            .setMaster(m)
            .setAppName(appName)
            .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
            .set("spark.kryo.registrator", NashKryoRegistrator.class.getName())
            .set("spark.kryo.registrationRequired", "true");
    String executorCores = extra.get("spark.executor.cores");
    c.set("spark.task.cpus", Integer.toString(trainTaskCpus(m, executorCores)));
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
