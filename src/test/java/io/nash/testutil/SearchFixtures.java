package io.nash.testutil;

import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.api.SearchData;
import io.nash.search.api.SearchModel;
import io.nash.search.engine.CheckpointStore;
import io.nash.search.engine.LocalRoundEngine;
import io.nash.search.engine.PartitionTrainer;
import io.nash.search.engine.RoundStats;
import io.nash.search.engine.SearchDriver;
import io.nash.search.engine.SearchSettings;
import io.nash.space.Seeds;
import java.util.Map;
import java.util.function.Consumer;

/** The toy model and data every engine test uses, and an in-process search to compare with. */
public final class SearchFixtures {
  public static final ModelSpec MODEL =
      new ModelSpec(SoftmaxSupernet.class.getName(), SoftmaxSupernet.settings(6, 3));
  public static final DataSpec DATA =
      new DataSpec(SyntheticData.class.getName(), SyntheticData.spec(256, 6, 3, 7), Map.of());

  private SearchFixtures() {}

  /** The settings of a short test search (alpha lr raised so alpha visibly moves). */
  public static SearchSettings settings(String runId, int rounds, int partitions, int localSteps) {
    return SearchSettings.builder(runId)
        .seed(2)
        .rounds(rounds)
        .partitions(partitions)
        .localSteps(localSteps)
        .batchSize(16)
        .alphaLr(0.05)
        .localAlphaLr(0.5)
        .build();
  }

  /** The same search run entirely in process (the reference). */
  public static SearchDriver.Result runLocal(SearchSettings s, ModelSpec spec) {
    return runLocal(s, spec.build(), DATA.open(), null, null);
  }

  /**
   * A search of {@code m} on {@code data} through {@link SearchDriver} and {@link
   * LocalRoundEngine}, starting from the model's initial weights (or the newest checkpoint when
   * {@code s.resume()}); {@code checkpoints} and {@code listener} may be null.
   */
  public static SearchDriver.Result runLocal(
      SearchSettings s,
      SearchModel m,
      SearchData data,
      CheckpointStore checkpoints,
      Consumer<RoundStats> listener) {
    PartitionTrainer.Job job =
        new PartitionTrainer.Job(s.seed(), s.partitions(), s.localSteps(), s.batchSize());
    SearchDriver d =
        new SearchDriver(
            s,
            m.layout(),
            m.alphaSize(),
            new LocalRoundEngine(job, m, data),
            checkpoints,
            listener);
    return d.run(d.initialState(m.initialWeights(Seeds.weightInit(s.seed())), m.alphaSize()));
  }

  /** ||a - b|| / ||b|| (L2 norms). */
  public static double relErr(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths " + a.length + " vs " + b.length);
    }
    double d = 0;
    double n = 0;
    for (int i = 0; i < a.length; i++) {
      d += (a[i] - b[i]) * (double) (a[i] - b[i]);
      n += b[i] * (double) b[i];
    }
    return Math.sqrt(d) / Math.max(Math.sqrt(n), 1e-30);
  }

  /** max |a - b|. */
  public static double maxAbsErr(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths " + a.length + " vs " + b.length);
    }
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
