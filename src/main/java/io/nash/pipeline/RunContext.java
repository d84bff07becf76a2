package io.nash.pipeline;

import io.nash.config.Settings;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * What a stage needs: the run's settings and id, the store (and its spec, to ship to executors), a
 * lazily started Spark session and a progress log. Owned by the driver; not thread-safe beyond what
 * its parts are (a sweep gives each variant its own context and a shared session).
 */
public final class RunContext {
  private final Settings settings;
  private final String runId;
  private final StoreSpec storeSpec;
  private final Store store;
  private final Supplier<SparkSession> spark;
  private final Consumer<String> log;
  private final String schedulerPool;

  public RunContext(
      Settings settings,
      String runId,
      StoreSpec storeSpec,
      Store store,
      Supplier<SparkSession> spark,
      Consumer<String> log) {
    this(settings, runId, storeSpec, store, spark, log, null);
  }

  private RunContext(
      Settings settings,
      String runId,
      StoreSpec storeSpec,
      Store store,
      Supplier<SparkSession> spark,
      Consumer<String> log,
      String schedulerPool) {
    this.settings = Objects.requireNonNull(settings);
    this.runId = Objects.requireNonNull(runId);
    this.storeSpec = Objects.requireNonNull(storeSpec);
    this.store = Objects.requireNonNull(store);
    this.spark = Objects.requireNonNull(spark);
    this.log = Objects.requireNonNull(log);
    this.schedulerPool = schedulerPool;
  }

  /** A copy whose Spark jobs go to the FAIR scheduler pool {@code pool}. */
  public RunContext withSchedulerPool(String pool) {
    return new RunContext(settings, runId, storeSpec, store, spark, log, pool);
  }

  public Settings settings() {
    return settings;
  }

  public String runId() {
    return runId;
  }

  public StoreSpec storeSpec() {
    return storeSpec;
  }

  public Store store() {
    return store;
  }

  /**
   * The Spark session, started on first use. Jobs submitted from the calling thread go to this
   * context's scheduler pool (a thread-local Spark property, so it is set on every call).
   */
  public SparkSession spark() {
    SparkSession s = spark.get();
    if (schedulerPool != null) {
      s.sparkContext().setLocalProperty("spark.scheduler.pool", schedulerPool);
    }
    return s;
  }

  public void log(String line) {
    log.accept("[" + runId + "] " + line);
  }

  /** Path of a run-relative object: {@code runs/<id>/<rel>}. */
  public String runPath(String rel) {
    return "runs/" + runId + "/" + rel;
  }
}
