package io.nash.spark;

import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.api.SearchModel;
import io.nash.search.engine.ArchCost;
import io.nash.search.engine.CheckpointStore;
import io.nash.search.engine.PartitionTrainer;
import io.nash.search.engine.RoundStats;
import io.nash.search.engine.SearchDriver;
import io.nash.search.engine.SearchSettings;
import io.nash.space.Seeds;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point of a distributed search: wires the model spec, data spec, Spark round engine,
 * checkpoints and the engine-agnostic {@link SearchDriver}. The driver builds the model once (from
 * the same per-JVM cache as tasks) only for its layout and initial weights. Driver-side.
 */
public final class SparkSearch {
  private SparkSearch() {}

  public static SearchDriver.Result run(
      SparkSession spark,
      SearchSettings s,
      ModelSpec model,
      DataSpec data,
      CheckpointStore checkpoints,
      Consumer<RoundStats> listener) {
    return run(spark, s, model, data, checkpoints, listener, null);
  }

  /** With a data-free term of the architecture loss ({@code null}: none), added by the driver. */
  public static SearchDriver.Result run(
      SparkSession spark,
      SearchSettings s,
      ModelSpec model,
      DataSpec data,
      CheckpointStore checkpoints,
      Consumer<RoundStats> listener,
      ArchCost cost) {
    PartitionTrainer.Job job =
        new PartitionTrainer.Job(s.seed(), s.partitions(), s.localSteps(), s.batchSize());
    try (ExecutorCache.Lease<SearchModel> lease = ExecutorCache.model(s.runId(), model);
        SparkRoundEngine engine =
            new SparkRoundEngine(spark, s.runId(), model, data, job, s.failOnce())) {
      SearchModel m = lease.value();
      SearchDriver driver =
          new SearchDriver(s, m.layout(), m.alphaSize(), engine, checkpoints, listener, cost);
      return driver.run(
          driver.initialState(m.initialWeights(Seeds.weightInit(s.seed())), m.alphaSize()));
    }
  }
}
