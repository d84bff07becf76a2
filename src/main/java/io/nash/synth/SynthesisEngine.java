package io.nash.synth;

import java.util.List;

/**
 * Runs synthesis jobs, one per (candidate, device), each committing its own unit through {@link
 * CandidateSynthesis}. Two implementations return the same outcomes: {@link LocalSynthesisEngine}
 * (in-process, for tests and small runs) and {@code io.nash.spark.SparkSynthesisEngine} (one Spark
 * task per job).
 */
public interface SynthesisEngine {
  /**
   * Runs every job; the outcomes are in job order. A failing candidate is an outcome, not a throw.
   */
  List<SynthesisOutcome> run(List<SynthesisJob> jobs, SynthesisSettings settings);
}
