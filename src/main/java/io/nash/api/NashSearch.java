package io.nash.api;

import io.nash.config.Settings;
import io.nash.pipeline.Pipeline;
import io.nash.pipeline.RunContext;
import io.nash.pipeline.Runs;
import io.nash.pipeline.Stage;
import io.nash.spark.NashKryoRegistrator;
import io.nash.store.Redaction;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The front door of NASH for a Java or Spark application: one run, configured like {@code nash
 * run}, whose steps return typed results read from the store.
 *
 * <pre>{@code
 * try (NashSearch nash = NashSearch.on(spark).store("s3a://bucket/nash").runId("r1")
 *     .settingsFile(Path.of("conf/demo.yaml")).set("nash.search.epochs", 3)) {
 *   SearchResult search = nash.search();
 *   Front front = nash.front();
 * }
 * }</pre>
 *
 * <p><b>Settings.</b> The same keys, defaults and checks as the CLI ({@code nash settings} lists
 * them; precedence: {@link #set}/{@link #settings} over {@link #settingsFile} files, applied in
 * order, over the defaults). Every call re-resolves and validates them at once and throws the CLI's
 * {@link IllegalArgumentException} for an unknown key or a bad value; a rejected call changes
 * nothing. Checks between keys (the warm-up must stay below the epochs) apply after each call, so
 * set such keys together with {@link #settings}. The settings are fixed once a step has run.
 *
 * <p><b>Steps.</b> {@link #search}, {@link #candidates}, {@link #retrain}, {@link #synthesize} and
 * {@link #front} each run the pipeline up to and including their stage with resume: a stage whose
 * outputs are all committed is read back, not rerun, and the first unfinished stage and every one
 * after it (up to the step's) run. Each result is read from the committed files of the store, the
 * same ones the CLI and the report read. A run id that already exists in the store continues that
 * run, which is allowed only with the settings its outputs came from (its {@code config.json}); the
 * check is the pipeline's own ({@code pipeline.Runs#context}), so the API and the CLI refuse the
 * same changes with the same message.
 *
 * <p>Not thread-safe: one thread drives one instance. {@link #close} closes the store and stops a
 * Spark session this instance started itself ({@link #local}), never one it was given.
 */
public final class NashSearch implements AutoCloseable {
  private final SparkSession given;
  private final Map<String, String> hadoop = new LinkedHashMap<>();
  private final List<Path> files = new ArrayList<>();
  private final Map<String, String> overrides = new LinkedHashMap<>();
  private Consumer<String> log = System.out::println;
  private Settings settings = Settings.defaults();
  private RunContext ctx;
  private Store store;
  private SparkSession started;
  private List<String> lastRan = List.of();

  private NashSearch(SparkSession given) {
    this.given = given;
  }

  /**
   * A run on the application's session. The session must use NASH's Kryo registrator (as {@code
   * conf/spark-defaults.conf} sets it); its {@code spark.hadoop.*} settings also reach the store.
   *
   * @throws IllegalArgumentException if the session is not set up for NASH, naming the setting
   */
  public static NashSearch on(SparkSession spark) {
    Objects.requireNonNull(spark, "spark");
    SparkConf conf = spark.sparkContext().getConf();
    checkConf(conf);
    NashSearch n = new NashSearch(spark);
    for (Tuple2<String, String> e : conf.getAllWithPrefix("spark.hadoop.")) {
      n.hadoop.put(e._1(), e._2());
    }
    return n;
  }

  /** Fails unless the Spark settings are those NASH's executors need (Kryo, its registrator). */
  static void checkConf(SparkConf conf) {
    String serializer = conf.get("spark.serializer", "org.apache.spark.serializer.JavaSerializer");
    if (!serializer.equals("org.apache.spark.serializer.KryoSerializer")) {
      throw new IllegalArgumentException(
          "spark.serializer = "
              + serializer
              + ": NASH needs org.apache.spark.serializer.KryoSerializer (see"
              + " conf/spark-defaults.conf)");
    }
    String registrator = conf.get("spark.kryo.registrator", "");
    if (java.util.Arrays.stream(registrator.split(","))
        .map(String::trim)
        .noneMatch(NashKryoRegistrator.class.getName()::equals)) {
      throw new IllegalArgumentException(
          "spark.kryo.registrator = '"
              + registrator
              + "': must include "
              + NashKryoRegistrator.class.getName()
              + " (see conf/spark-defaults.conf)");
    }
  }

  /**
   * A run in this process: the Spark session is started on first use from {@code nash.spark.master}
   * ({@code local[*]} by default, or the master spark-submit passes), with the settings the CLI
   * uses, and stopped by {@link #close}. A step whose stages are all committed starts none. If the
   * process already has a session, Spark hands that one out, and it is left running.
   */
  public static NashSearch local() {
    return new NashSearch(null);
  }

  /** The store URI ({@code nash.store}): {@code file:}, {@code s3a://bucket/prefix}, ... */
  public NashSearch store(String uri) {
    return set("nash.store", uri);
  }

  /** The run id ({@code nash.run.id}); without one, an id is made from the time and the seed. */
  public NashSearch runId(String id) {
    RunLayout.checkId("nash.run.id", id);
    return set("nash.run.id", id);
  }

  /**
   * One setting, validated now. A collection becomes a comma-separated list ({@code
   * nash.hw.devices}); anything else its {@code toString}.
   *
   * @throws IllegalArgumentException for an unknown key or a bad value (the CLI's message)
   */
  public NashSearch set(String key, Object value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, () -> key + ": value is null");
    return settings(Map.of(key, value));
  }

  /** Several settings, validated together now (see {@link #set}). */
  public NashSearch settings(Map<String, ?> values) {
    Map<String, String> next = new LinkedHashMap<>(overrides);
    values.forEach(
        (k, v) ->
            next.put(
                Objects.requireNonNull(k, "key"),
                v instanceof Collection<?> c
                    ? String.join(",", c.stream().map(String::valueOf).toList())
                    : String.valueOf(Objects.requireNonNull(v, () -> k + ": value is null"))));
    resolve(files, next);
    return this;
  }

  /**
   * A YAML job file ({@code conf/*.yaml}, nested or flat keys), validated now. Files apply in the
   * order given, below the values of {@link #set} and {@link #settings}.
   */
  public NashSearch settingsFile(Path file) {
    List<Path> next = new ArrayList<>(files);
    next.add(Objects.requireNonNull(file, "file"));
    resolve(next, overrides);
    return this;
  }

  /** A Hadoop setting for the store, e.g. {@code fs.s3a.endpoint} (never logged unredacted). */
  public NashSearch hadoop(String key, String value) {
    checkOpen();
    hadoop.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Where progress lines go (standard output by default); set before the first step. */
  public NashSearch log(Consumer<String> sink) {
    checkOpen();
    this.log = Objects.requireNonNull(sink, "sink");
    return this;
  }

  private void resolve(List<Path> nextFiles, Map<String, String> nextOverrides) {
    checkOpen();
    Settings s = Settings.load(nextFiles, nextOverrides); // the CLI's resolution and messages
    files.clear();
    files.addAll(nextFiles);
    overrides.clear();
    overrides.putAll(nextOverrides);
    settings = s;
  }

  private void checkOpen() {
    if (ctx != null) {
      throw new IllegalStateException(
          "run "
              + ctx.runId()
              + ": the settings are fixed once a step has run; use another NashSearch for other"
              + " settings");
    }
  }

  /** The resolved settings as strings, sorted by key, secrets removed. */
  public Map<String, String> resolvedSettings() {
    return Redaction.redact(settings.asStrings());
  }

  /** The run id: the one set, or (from the first step on) the generated one. */
  public String runId() {
    return ctx != null ? ctx.runId() : settings.getString("nash.run.id", null);
  }

  /** The stages the last step ran (empty when everything was read back). */
  public List<String> stagesRan() {
    return lastRan;
  }

  /** Stage 1: the supernet search; its alpha, derived genotype and per-epoch metrics. */
  public SearchResult search() {
    RunContext c = upTo(1);
    return Readers.search(c.store(), c.runId());
  }

  /** Stages 1-2: the candidates table, one row per candidate evaluated one-shot. */
  public List<Candidate> candidates() {
    RunContext c = upTo(2);
    return Readers.candidates(c.store(), c.runId());
  }

  /** Stages 1-3: the retrained networks of the retraining selection, in selection order. */
  public List<Retrained> retrain() {
    RunContext c = upTo(3);
    return Readers.retrained(c.store(), c.runId());
  }

  /** Stages 1-4: every committed hardware result of the run, one per (candidate, device). */
  public List<HardwareResult> synthesize() {
    RunContext c = upTo(4);
    return Readers.hardware(c.store(), c.runId());
  }

  /** Stages 1-5: the store's Pareto front after this run's results were merged into it. */
  public Front front() {
    RunContext c = upTo(5);
    return Readers.front(c.store(), c.runId());
  }

  private RunContext upTo(int stages) {
    RunContext c = context();
    List<Stage> all = Runs.fullPipeline().stages();
    try {
      lastRan = new Pipeline(all.subList(0, stages)).run(c, true).ran();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("run " + c.runId() + ": " + e.getMessage(), e);
    }
    return c;
  }

  /**
   * The run's context, made on the first step: opens the store; the pipeline checks and records
   * config.json.
   */
  private RunContext context() {
    if (ctx != null) {
      return ctx;
    }
    Settings s = settings;
    if (!s.has("nash.run.id")) {
      s = s.with(Map.of("nash.run.id", Runs.runId(s))); // one id for every step of this instance
    }
    String id = s.getString("nash.run.id");
    Store st =
        Store.open(
            new StoreSpec(s.getString("nash.store"), hadoop), w -> log.accept("store: " + w));
    try {
      Supplier<SparkSession> spark = given != null ? () -> given : startedOnDemand(s, id);
      ctx = Runs.context(s, st, spark, log);
    } catch (RuntimeException e) {
      st.close();
      throw e;
    }
    settings = s;
    store = st;
    return ctx;
  }

  /**
   * The session of {@link #local}, started on first use; if the process already has a session, that
   * one is used and left running on {@link #close}.
   */
  private Supplier<SparkSession> startedOnDemand(Settings s, String id) {
    Supplier<SparkSession> lazy = Runs.lazySpark(s, "nash " + id, hadoop);
    return new Supplier<>() {
      private SparkSession session;

      @Override
      public SparkSession get() {
        if (session == null) {
          boolean existed =
              SparkSession.getActiveSession().isDefined()
                  || SparkSession.getDefaultSession().isDefined();
          session = lazy.get();
          if (!existed) {
            started = session;
          }
        }
        return session;
      }
    };
  }

  @Override
  public void close() {
    try {
      if (store != null) {
        store.close();
      }
    } finally {
      if (started != null) {
        started.stop();
        started = null;
      }
    }
  }
}
