package io.nash.search.engine;

import java.util.Optional;

/**
 * Where search checkpoints live. {@link #commit} must be atomic: a reader sees either the whole
 * checkpoint or none of it. The Hadoop FileSystem implementation is {@code
 * io.nash.spark.HadoopCheckpointStore}; the general store can implement this later.
 */
public interface CheckpointStore {

  /** Writes {@code state} as the checkpoint of round {@code state.nextRound()}, atomically. */
  void commit(SearchState state);

  /** The committed checkpoint with the highest round; partial or corrupt ones are skipped. */
  Optional<SearchState> latest();
}
