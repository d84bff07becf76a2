package io.nash.pipeline;

import io.nash.config.Settings;
import io.nash.data.DatasetSpec;
import io.nash.data.ImageDataset;
import io.nash.data.SearchSplit;
import io.nash.nn.SupernetSpec;
import io.nash.search.DatasetSearchData;
import io.nash.search.SupernetFactory;
import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.engine.SearchSettings;
import io.nash.space.Backbone;
import io.nash.space.NashVersion;
import java.util.Map;

/**
 * Turns a run's {@link Settings} into what the search engine takes: the supernet spec (input shape
 * and classes read from the dataset), the model and data specs executors open by class name, and
 * the engine's settings with epochs converted to rounds. Driver-side, immutable.
 *
 * <p>One round is one NASH step (architecture then weight step) on every partition, so an epoch
 * over the weight half of the training split is {@code ceil(n / (batch * partitions * local
 * steps))} rounds. The weight learning rate is cosine-annealed per round.
 */
record SearchJob(
    SupernetSpec supernet,
    ModelSpec model,
    DataSpec data,
    SearchSettings engine,
    int epochs,
    int roundsPerEpoch,
    int weightImages) {

  /** The factory spec of the run's dataset (executors open it themselves). */
  public static String dataSpec(Settings s) {
    return DatasetSearchData.spec(
        s.getString("nash.data.spec"),
        s.getInt("nash.data.train-limit"),
        0,
        s.getDouble("nash.search.train-portion"));
  }

  /** Builds the job; opens the dataset once on the driver for its shape and size. */
  public static SearchJob of(Settings s, String runId, Map<String, String> hadoop, boolean resume) {
    DatasetSpec ds = DatasetSpec.parse(s.getString("nash.data.spec"));
    ImageDataset train = ds.load().train();
    int limit = s.getInt("nash.data.train-limit");
    if (limit > 0 && limit < train.size()) {
      train = train.limit(limit);
    }
    int weightImages =
        SearchSplit.splitIndex(train.size(), s.getDouble("nash.search.train-portion"));
    SupernetSpec spec =
        new SupernetSpec(
            Backbone.fromName(s.getString("nash.search.backbone")),
            NashVersion.fromName(s.getString("nash.search.version")),
            s.getInt("nash.search.width"),
            train.shape().channels(),
            train.shape().height(),
            train.numClasses(),
            false);
    int partitions = s.getInt("nash.spark.partitions");
    int localSteps = s.getInt("nash.spark.local-steps");
    int batch = s.getInt("nash.search.batch-size");
    long perRound = (long) batch * partitions * localSteps;
    if (weightImages < batch * partitions) {
      throw new IllegalArgumentException(
          "nash.search.batch-size = "
              + batch
              + " x nash.spark.partitions = "
              + partitions
              + " needs at least that many weight-split images; the split has "
              + weightImages
              + " (raise nash.data.train-limit or lower the batch size)");
    }
    int roundsPerEpoch = (int) Math.max(1, (weightImages + perRound - 1) / perRound);
    int epochs = s.getInt("nash.search.epochs");
    SearchSettings e = SearchSettings.from(s, runId, roundsPerEpoch).resume(resume).build();
    ModelSpec model =
        new ModelSpec(
            SupernetFactory.class.getName(),
            SupernetFactory.settings(spec, s.getInt("nash.nn.threads"), e.archGradient()));
    DataSpec data = new DataSpec(DatasetSearchData.class.getName(), dataSpec(s), hadoop);
    return new SearchJob(spec, model, data, e, epochs, roundsPerEpoch, weightImages);
  }
}
