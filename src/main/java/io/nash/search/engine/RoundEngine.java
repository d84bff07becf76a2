package io.nash.search.engine;

/**
 * Runs the task side of one round (every partition's local steps) and returns the summed results.
 * Two implementations: {@link LocalRoundEngine} in process, {@code io.nash.spark.SparkRoundEngine}
 * on a cluster; both return the same sums for the same state.
 */
public interface RoundEngine extends AutoCloseable {

  GradientSum run(RoundState state, int totalRounds);

  /** Parallel task slots (for the overhead figure): how many tasks can compute at once. */
  int slots();

  /**
   * Payload bytes the last {@link #run} of {@code state} broadcast: the whole state unless the
   * engine sends less (the Spark engine sends weight deltas).
   */
  default long broadcastBytes(RoundState state) {
    return state.payloadBytes();
  }

  @Override
  default void close() {}
}
