package io.nash.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nash.config.Settings;
import io.nash.spark.ExecutorCache;
import io.nash.spark.SparkSessions;
import io.nash.store.Redaction;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Driver-side wiring of a run: its id, its {@code config.json} (resolved settings with secrets
 * removed, plus provenance), the stages of the full pipeline, and a lazily started Spark session
 * shared by all runs of one process (FAIR scheduling, so sweep variants share it fairly).
 */
public final class Runs {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Runs() {}

  /**
   * The full pipeline of architecture.md (search -> candidates -> retrain -> synthesis -> pareto).
   */
  public static Pipeline fullPipeline() {
    return new Pipeline(
        List.of(
            new SearchStage(),
            new CandidatesStage(),
            new RetrainStage(),
            new HardwareStage(),
            new ParetoStage()));
  }

  /** {@code nash.run.id}, or a new id from the time and seed. */
  public static String runId(Settings s) {
    String id =
        s.getString(
            "nash.run.id",
            "run-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-s"
                + s.getLong("nash.run.seed"));
    return RunLayout.checkId("nash.run.id", id);
  }

  /** A session supplier that starts one session on first use (FAIR pools, the run's master). */
  public static Supplier<SparkSession> lazySpark(Settings s, String appName) {
    return new Supplier<>() {
      private SparkSession spark;

      @Override
      public synchronized SparkSession get() {
        if (spark == null) {
          spark =
              SparkSessions.create(
                  s.getString("nash.spark.master"),
                  appName,
                  Map.of(
                      "spark.scheduler.mode",
                      "FAIR",
                      "spark.ui.showConsoleProgress",
                      "false",
                      ExecutorCache.MAX_ENTRIES_KEY,
                      Integer.toString(s.getInt("nash.spark.executor-cache-entries")),
                      ExecutorCache.IDLE_KEY,
                      Integer.toString(s.getInt("nash.spark.executor-cache-idle-s"))));
        }
        return spark;
      }
    };
  }

  /** The context of a run; writes {@code config.json} unless the run already has one. */
  public static RunContext context(
      Settings s, Store store, Supplier<SparkSession> spark, Consumer<String> log) {
    String id = runId(s);
    StoreSpec spec = store.spec();
    RunContext ctx = new RunContext(s, id, spec, store, spark, log);
    writeConfig(ctx);
    return ctx;
  }

  /**
   * The settings recorded in a run's {@code config.json} (secrets removed), or empty if the run has
   * no readable config.
   */
  public static Optional<Map<String, String>> recordedSettings(Store store, String runId) {
    return store
        .getJson(RunLayout.config(runId), com.fasterxml.jackson.databind.JsonNode.class)
        .map(
            c -> {
              Map<String, String> m = new TreeMap<>();
              c.path("settings")
                  .fields()
                  .forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
              return m;
            });
  }

  static void writeConfig(RunContext ctx) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("run_id", ctx.runId());
    c.put("settings", Redaction.redact(ctx.settings().asStrings()));
    c.put("store_hadoop_settings", ctx.storeSpec().redactedSettings());
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("nash_version", io.nash.Version.current());
    prov.put("java", System.getProperty("java.version"));
    prov.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    Map<String, String> engine = io.nash.train.Provenance.current(); // as the engine reports
    prov.put("djl", engine.get("djl"));
    prov.put("pytorch", engine.get("pytorch"));
    prov.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
    prov.put("written_at", java.time.Instant.now().toString());
    c.put("provenance", prov);
    try {
      ctx.store().put(RunLayout.config(ctx.runId()), JSON.writeValueAsBytes(c));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
