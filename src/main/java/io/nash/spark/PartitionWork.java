package io.nash.spark;

import java.io.Serializable;

/**
 * The one element of a training partition: which partition it is. The samples themselves are opened
 * on the executor from the run's {@link io.nash.search.api.DataSpec}, so an RDD of these is a few
 * bytes whatever the dataset size. Immutable.
 */
public record PartitionWork(int partition) implements Serializable {
  public PartitionWork {
    if (partition < 0) {
      throw new IllegalArgumentException("partition = " + partition + ": must be >= 0");
    }
  }
}
