package io.nash.train;

import io.nash.store.Store;
import io.nash.store.StoreSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-process retraining engine: opens the store from its spec and runs the jobs one after
 * another in this JVM ({@link CandidateRetraining#run}), printing progress to {@code System.out}.
 * For tests, small runs and machines without Spark, and the loop a Spark retraining task runs over
 * its partition. Thread-safe (holds only the store settings).
 */
public final class LocalRetrainEngine implements RetrainEngine {
  private final StoreSpec store;

  public LocalRetrainEngine(StoreSpec store) {
    this.store = store;
  }

  @Override
  public List<RetrainOutcome> run(List<RetrainJob> jobs) {
    List<RetrainOutcome> out = new ArrayList<>(jobs.size());
    try (Store st = store.open()) {
      for (RetrainJob j : jobs) {
        out.add(CandidateRetraining.run(st, j, System.out));
      }
    }
    return out;
  }
}
