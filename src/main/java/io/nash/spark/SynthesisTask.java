package io.nash.spark;

import io.nash.store.Store;
import io.nash.store.StoreSpec;
import io.nash.synth.CandidateSynthesis;
import io.nash.synth.SynthesisJob;
import io.nash.synth.SynthesisOutcome;
import io.nash.synth.SynthesisSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * Executor function of the synthesis stage: opens the store from its {@link StoreSpec}, parses the
 * settings map and runs {@link CandidateSynthesis} for each job of its partition (one job per
 * partition as the stage launches it). CandidateSynthesis checks the unit again before working, so
 * a retried or speculative attempt after a commit does nothing. No autograd, no native state:
 * several of these may run at once in one executor. Final fields only.
 */
final class SynthesisTask implements FlatMapFunction<Iterator<SynthesisJob>, SynthesisOutcome> {
  private static final long serialVersionUID = 1L;
  private final StoreSpec store;
  private final TreeMap<String, String> settings;

  public SynthesisTask(StoreSpec store, Map<String, String> settings) {
    this.store = store;
    this.settings = new TreeMap<>(settings);
  }

  @Override
  public Iterator<SynthesisOutcome> call(Iterator<SynthesisJob> jobs) {
    SynthesisSettings s = SynthesisSettings.of(settings);
    List<SynthesisOutcome> out = new ArrayList<>();
    try (Store st = store.open()) {
      while (jobs.hasNext()) {
        out.add(CandidateSynthesis.run(st, s, jobs.next()));
      }
    }
    return out.iterator();
  }
}
