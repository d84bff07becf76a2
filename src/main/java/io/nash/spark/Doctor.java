package io.nash.spark;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * Checks an installation end to end: starts (or joins) a Spark application, runs one task per
 * partition that loads DJL's PyTorch engine on the executor and computes a known value, and reports
 * what each executor saw. Used by {@code nash doctor} and the spark-submit smoke test.
 */
public final class Doctor {
  private Doctor() {}

  /** One executor's answer. */
  public static final class Probe implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public final String host;
    public final String engine;
    public final String engineVersion;
    public final float value;

    public Probe(String host, String engine, String engineVersion, float value) {
      this.host = host;
      this.engine = engine;
      this.engineVersion = engineVersion;
      this.value = value;
    }

    @Override
    public String toString() {
      return host + ": " + engine + " " + engineVersion + ", sum(1..4)^2 = " + value;
    }
  }

  /** Executor side: loads the engine and computes sum((1,2,3,4)^2) = 30. */
  static final class ProbeFn implements Function<Integer, Probe> {
    private static final long serialVersionUID = 1L;

    @Override
    public Probe call(Integer partition) throws Exception {
      Engine e = Engine.getEngine("PyTorch");
      try (NDManager m = e.newBaseManager()) {
        NDArray a = m.create(new float[] {1, 2, 3, 4});
        float v = a.mul(a).sum().getFloat();
        return new Probe(
            java.net.InetAddress.getLocalHost().getHostName(),
            e.getEngineName(),
            e.getVersion(),
            v);
      }
    }
  }

  /** Runs {@code tasks} probes and returns their answers; each must report 30. */
  public static List<Probe> run(SparkSession spark, int tasks) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.setJobDescription("nash doctor: load DJL PyTorch on executors");
    List<Integer> parts = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      parts.add(i);
    }
    List<Probe> out = jsc.parallelize(parts, tasks).map(new ProbeFn()).collect();
    for (Probe p : out) {
      if (p.value != 30f) {
        throw new IllegalStateException("executor " + p.host + " computed " + p.value + ", not 30");
      }
    }
    return out;
  }
}
