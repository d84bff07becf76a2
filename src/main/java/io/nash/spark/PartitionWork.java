package io.nash.spark;

import io.nash.transport.WeightPatch;
import java.io.Serializable;

/**
 * The one element of a training partition: which partition it is and, optionally, the round's
 * newest weight delta pushed along with the task ({@code newest}, null when it travels only as a
 * broadcast). The samples themselves are opened on the executor from the run's {@link
 * io.nash.search.api.DataSpec}, so without a delta an RDD of these is a few bytes whatever the
 * dataset size. Immutable (the patch by convention).
 *
 * <p>Public because the transport benchmark ({@code io.nash.benchmarks.TransportProbe}) launches
 * jobs of these elements to measure a round's data movement without a model: Kryo registration is
 * required, so it must send this registered type rather than one of its own.
 */
public record PartitionWork(int partition, WeightPatch newest) implements Serializable {
  public PartitionWork {
    if (partition < 0) {
      throw new IllegalArgumentException("partition = " + partition + ": must be >= 0");
    }
    if (newest != null && newest.isFull()) {
      throw new IllegalArgumentException(
          "partition " + partition + ": only a delta patch rides with a task, not a full state");
    }
  }

  /** A partition whose weights travel as broadcasts only. */
  public PartitionWork(int partition) {
    this(partition, null);
  }
}
