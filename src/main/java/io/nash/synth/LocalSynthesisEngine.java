package io.nash.synth;

import io.nash.store.Store;
import io.nash.store.StoreSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-process synthesis stage: runs the jobs one after another in this JVM. For tests, small
 * runs and machines without Spark. Thread-safe (holds only the store settings).
 */
final class LocalSynthesisEngine implements SynthesisEngine {
  private final StoreSpec store;

  public LocalSynthesisEngine(StoreSpec store) {
    this.store = store;
  }

  @Override
  public List<SynthesisOutcome> run(List<SynthesisJob> jobs, SynthesisSettings settings) {
    List<SynthesisOutcome> out = new ArrayList<>();
    try (Store s = store.open()) {
      for (SynthesisJob j : jobs) {
        out.add(CandidateSynthesis.run(s, settings, j));
      }
    }
    return out;
  }
}
