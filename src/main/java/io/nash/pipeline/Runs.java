package io.nash.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nash.config.FreeSettings;
import io.nash.config.Settings;
import io.nash.config.SettingsSchema;
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
import java.util.stream.Collectors;
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
            new SynthesisStage(),
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
    return lazySpark(s, appName, Map.of());
  }

  /**
   * As {@link #lazySpark(Settings, String)}, with the store's Hadoop settings ({@code --hadoop})
   * given to the session as {@code spark.hadoop.*}: Spark's own readers and writers (the candidates
   * table) then reach the same store as the driver's {@link io.nash.store.Store}.
   */
  public static Supplier<SparkSession> lazySpark(
      Settings s, String appName, Map<String, String> hadoop) {
    return new Supplier<>() {
      private SparkSession spark;

      @Override
      public synchronized SparkSession get() {
        if (spark == null) {
          Map<String, String> conf = new java.util.LinkedHashMap<>();
          hadoop.forEach((k, v) -> conf.put("spark.hadoop." + k, v));
          conf.put("spark.scheduler.mode", "FAIR");
          conf.put("spark.ui.showConsoleProgress", "false");
          conf.put(
              ExecutorCache.MAX_ENTRIES_KEY,
              Integer.toString(s.getInt("nash.spark.executor-cache-entries")));
          conf.put(
              ExecutorCache.IDLE_KEY,
              Integer.toString(s.getInt("nash.spark.executor-cache-idle-s")));
          spark = SparkSessions.create(s.getString("nash.spark.master"), appName, conf);
        }
        return spark;
      }
    };
  }

  /**
   * The context of a run. A new run gets its {@code config.json}. An existing run is resumed only
   * with the settings its outputs came from: if a setting that alters outputs ({@link
   * SettingsSchema#altersOutputs}) differs from the recorded one, this throws with one line naming
   * each such key with its recorded and its new value, and writes nothing. Changed free settings
   * and store Hadoop settings are appended to the config's {@code resumes} list, the recorded
   * settings staying as they were.
   *
   * @throws IllegalArgumentException when a resume would change a setting that alters outputs
   */
  public static RunContext context(
      Settings s, Store store, Supplier<SparkSession> spark, Consumer<String> log) {
    String id = runId(s);
    StoreSpec spec = store.spec();
    RunContext ctx = new RunContext(s, id, spec, store, spark, log);
    Optional<byte[]> recorded = store.get(RunLayout.config(id));
    if (recorded.isEmpty()) {
      writeConfig(ctx);
    } else {
      resumeConfig(ctx, recorded.get());
    }
    return ctx;
  }

  /** Checks a resume against the recorded config; records changed free settings. */
  private static void resumeConfig(RunContext ctx, byte[] recorded) {
    String where = ctx.store().uriOf(RunLayout.config(ctx.runId()));
    ObjectNode config;
    try {
      config = (ObjectNode) JSON.readTree(recorded);
    } catch (java.io.IOException | ClassCastException e) {
      throw new IllegalArgumentException(
          "nash.run.id = "
              + ctx.runId()
              + ": "
              + where
              + " does not parse as a run config, so the run's settings are unknown: start a new"
              + " run with another --run-id");
    }
    Map<String, String> now = Redaction.redact(ctx.settings().asStrings());
    List<FreeSettings.Change> changed = FreeSettings.changes(strings(config.get("settings")), now);
    List<FreeSettings.Change> refused =
        changed.stream().filter(c -> SettingsSchema.altersOutputs(c.key())).toList();
    if (!refused.isEmpty()) {
      throw new IllegalArgumentException(
          "nash.run.id = "
              + ctx.runId()
              + ": cannot resume with other settings that alter its outputs: "
              + refused.stream().map(String::valueOf).collect(Collectors.joining(", "))
              + " (recorded in "
              + where
              + "); resume with the recorded values, or start a new run with another --run-id");
    }
    List<FreeSettings.Change> hadoop =
        FreeSettings.changes(
            strings(config.get("store_hadoop_settings")), ctx.storeSpec().redactedSettings());
    if (changed.isEmpty() && hadoop.isEmpty()) {
      return; // the same settings: config.json stays byte for byte
    }
    ObjectNode entry = JSON.createObjectNode();
    entry.put("resumed_at", java.time.Instant.now().toString());
    entry.put("nash_version", io.nash.Version.current());
    entry.set("changed_settings", changesJson(changed));
    entry.set("changed_store_hadoop_settings", changesJson(hadoop));
    JsonNode resumes = config.get("resumes");
    ArrayNode list = resumes instanceof ArrayNode a ? a : config.putArray("resumes");
    list.add(entry);
    changed.forEach(c -> ctx.log("resume: " + c + " (cannot change the outputs; recorded)"));
    try {
      ctx.store().put(RunLayout.config(ctx.runId()), JSON.writeValueAsBytes(config));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, String> strings(JsonNode n) {
    Map<String, String> m = new TreeMap<>();
    if (n != null && n.isObject()) {
      n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    }
    return m;
  }

  private static ObjectNode changesJson(List<FreeSettings.Change> changes) {
    ObjectNode o = JSON.createObjectNode();
    for (FreeSettings.Change c : changes) {
      ObjectNode v = o.putObject(c.key());
      v.put("from", c.before());
      v.put("to", c.after());
    }
    return o;
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
