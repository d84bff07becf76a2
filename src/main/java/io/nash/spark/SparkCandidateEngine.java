package io.nash.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.engine.CandidateEngine;
import io.nash.search.engine.CandidateRequest;
import io.nash.search.engine.CandidateRow;
import io.nash.search.engine.EvalSettings;
import io.nash.store.CandidateTarget;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.UnitCommitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Candidate evaluation as a Spark stage, the cluster {@link CandidateEngine}: the supernet weights
 * are broadcast once, candidates are cut into batches of {@code perTask}, one {@link EvalTask} per
 * batch; rows come back in candidate order. {@link #write} commits them as one unit holding {@code
 * candidates.json} and {@code candidates.parquet}. Driver-side; one job at a time.
 */
public final class SparkCandidateEngine implements CandidateEngine {
  private final SparkSession spark;
  private final String runId;
  private final ModelSpec model;
  private final DataSpec data;
  private final int perTask;

  /**
   * @param runId the run whose model the executors cache
   * @param perTask candidates per Spark task ({@code nash.candidates.per-task}, at least 1)
   */
  public SparkCandidateEngine(
      SparkSession spark, String runId, ModelSpec model, DataSpec data, int perTask) {
    if (perTask < 1) {
      throw new IllegalArgumentException(
          "nash.candidates.per-task = " + perTask + ": must be >= 1");
    }
    this.spark = spark;
    this.runId = runId;
    this.model = model;
    this.data = data;
    this.perTask = perTask;
  }

  @Override
  public List<CandidateRow> evaluate(
      List<CandidateRequest> candidates, float[] weights, EvalSettings settings) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = (candidates.size() + perTask - 1) / perTask;
    jsc.setJobDescription(
        String.format(
            "nash candidates %s: %d candidates in %d tasks", runId, candidates.size(), slices));
    Broadcast<float[]> bw = jsc.broadcast(weights);
    try {
      return jsc.parallelize(candidates, slices)
          .mapPartitions(new EvalTask(bw, runId, model, data, settings))
          .collect();
    } finally {
      bw.destroy();
      jsc.setJobDescription(null);
    }
  }

  /**
   * Commits the candidates table of run {@code runId} as one unit {@link
   * RunLayout#candidatesTable}: {@code candidates.json} and {@code candidates.parquet/part-*}
   * (through {@link UnitCommitter}, so readers see the whole table or none). Spark writes the
   * Parquet file into a hidden staging folder of the store first ({@code _tmp.*}, never listed),
   * from where its bytes join the unit; the staging folder is deleted afterwards.
   */
  public static UnitCommitter.Outcome write(
      SparkSession spark, Store store, String runId, List<CandidateRow> rows) {
    return write(spark, store, runId, rows, Map.of());
  }

  /**
   * {@link #write(SparkSession, Store, String, List)} with the hardware target marks of the rows by
   * candidate id ({@code nash.candidates.hw.require-target}): when {@code targets} is not empty,
   * both files get the {@link CandidateTarget} columns (null in a row without a mark); when it is
   * empty, the table is the one without a target, byte for byte.
   */
  public static UnitCommitter.Outcome write(
      SparkSession spark,
      Store store,
      String runId,
      List<CandidateRow> rows,
      Map<String, CandidateTarget> targets) {
    String unit = RunLayout.candidatesTable(runId);
    if (UnitCommitter.isCommitted(store, unit)) {
      return UnitCommitter.Outcome.ALREADY_COMMITTED;
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    try {
      files.put(RunLayout.CANDIDATES_JSON, json(rows, targets).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the candidates of run " + runId, e);
    }
    List<Row> data = new ArrayList<>();
    boolean marked = !targets.isEmpty();
    for (CandidateRow r : rows) {
      List<Object> cols =
          new ArrayList<>(
              java.util.Arrays.asList(
                  r.id(),
                  r.source(),
                  r.genotype(),
                  r.genotypeJson(),
                  r.logProb(),
                  r.status(),
                  r.ok() ? r.accuracy() : null,
                  r.ok() ? r.loss() : null,
                  r.samples(),
                  r.error(),
                  r.millis()));
      if (marked) {
        CandidateTarget t = targets.get(r.id());
        cols.addAll(
            t == null
                ? java.util.Arrays.asList(null, null, null, null, null)
                : List.of(t.meets(), t.device(), t.targetFps(), t.designFps(), t.designCost()));
      }
      data.add(RowFactory.create(cols.toArray()));
    }
    String staging = RunLayout.run(runId) + "/_tmp.candidates-" + UUID.randomUUID();
    try {
      spark.sparkContext().setJobDescription("nash candidates: write candidates.parquet");
      spark
          .createDataFrame(data, marked ? schemaWithTarget() : schema())
          .coalesce(1)
          .write()
          .mode(SaveMode.ErrorIfExists)
          .parquet(store.uriOf(staging));
      for (String name : store.list(staging)) {
        if (name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_")) {
          files.put(
              RunLayout.CANDIDATES_PARQUET + "/" + name,
              store
                  .get(staging + "/" + name)
                  .orElseThrow(() -> new IllegalStateException("vanished: " + name)));
        }
      }
      return UnitCommitter.commit(store, unit, files);
    } finally {
      spark.sparkContext().setJobDescription(null);
      store.delete(staging);
    }
  }

  /**
   * The URI of the committed table's Parquet folder (for {@code spark.read().parquet}), or empty
   * while the table is not committed.
   */
  public static Optional<String> parquetUri(Store store, String runId) {
    return UnitCommitter.open(store, RunLayout.candidatesTable(runId))
        .flatMap(
            u ->
                u.names().stream()
                    .filter(n -> n.startsWith(RunLayout.CANDIDATES_PARQUET + "/"))
                    .findFirst()
                    .map(n -> store.uriOf(u.pathOf(n)))
                    .map(f -> f.substring(0, f.lastIndexOf('/'))));
  }

  static StructType schema() {
    return new StructType()
        .add("id", DataTypes.StringType, false)
        .add("source", DataTypes.StringType, false)
        .add("genotype", DataTypes.StringType, false)
        .add("genotype_json", DataTypes.StringType, false)
        .add("log_prob", DataTypes.DoubleType, false)
        .add("status", DataTypes.StringType, false)
        .add("accuracy", DataTypes.DoubleType, true)
        .add("loss", DataTypes.DoubleType, true)
        .add("samples", DataTypes.LongType, false)
        .add("error", DataTypes.StringType, false)
        .add("millis", DataTypes.LongType, false);
  }

  /** {@link #schema()} and the {@link CandidateTarget} columns (nullable). */
  static StructType schemaWithTarget() {
    return schema()
        .add(CandidateTarget.MEETS, DataTypes.BooleanType, true)
        .add(CandidateTarget.DEVICE, DataTypes.StringType, true)
        .add(CandidateTarget.TARGET_FPS, DataTypes.DoubleType, true)
        .add(CandidateTarget.DESIGN_FPS, DataTypes.DoubleType, true)
        .add(CandidateTarget.DESIGN_COST, DataTypes.DoubleType, true);
  }

  /**
   * The rows as a JSON array; a failed row has null accuracy and loss; a row with a mark in {@code
   * targets} has its {@link CandidateTarget} columns.
   */
  static String json(List<CandidateRow> rows, Map<String, CandidateTarget> targets)
      throws IOException {
    ObjectMapper om = new ObjectMapper();
    ArrayNode arr = om.createArrayNode();
    for (CandidateRow r : rows) {
      ObjectNode o = arr.addObject();
      o.put("id", r.id());
      o.put("source", r.source());
      o.put("genotype", r.genotype());
      o.set("genotype_json", om.readTree(r.genotypeJson()));
      o.put("log_prob", r.logProb());
      o.put("status", r.status());
      if (r.ok()) {
        o.put("accuracy", r.accuracy());
        o.put("loss", r.loss());
      } else {
        o.putNull("accuracy");
        o.putNull("loss");
      }
      o.put("samples", r.samples());
      o.put("error", r.error());
      o.put("millis", r.millis());
      CandidateTarget t = targets.get(r.id());
      if (t != null) {
        t.put(o);
      }
    }
    return om.writerWithDefaultPrettyPrinter().writeValueAsString(arr);
  }
}
