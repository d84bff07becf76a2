package io.nash.train;

import java.util.List;

/**
 * Retrains candidates from scratch, each job committing its results to the store through {@link
 * CandidateRetraining}. Two implementations return the same outcomes: {@link LocalRetrainEngine}
 * (in process, for tests and small runs) and {@code io.nash.spark.SparkRetrainEngine} (one Spark
 * task per job).
 */
public interface RetrainEngine {
  /**
   * Retrains every job; the outcomes are in job order. A failing candidate is a failed outcome, not
   * a throw.
   */
  List<RetrainOutcome> run(List<RetrainJob> jobs);
}
