package io.nash.spark;

import io.nash.search.dist.GradientSum;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The sum of a round's task results in partition order, whatever order the tasks finish in: float
 * addition is not associative, so Spark's {@code fold}/{@code treeAggregate}, which merge in
 * completion order, give sums that differ in the last bits from run to run once three or more
 * partitions run at once. Here the driver merges results as they arrive but only in partition order
 * ({@link Merger}: a result that comes early waits until those before it are in; usually none waits
 * long), so a round is bit-reproducible for any partition count this merge is used for. The driver
 * receives one result per partition (no executor-side tree).
 */
final class OrderedMerge {
  private OrderedMerge() {}

  /** Runs the job of {@code sums} (one result per partition) and merges in partition order. */
  static GradientSum run(JavaRDD<GradientSum> sums) {
    int n = sums.getNumPartitions();
    Merger m = new Merger(n);
    List<Object> parts = new ArrayList<>(n);
    for (int p = 0; p < n; p++) {
      parts.add(p);
    }
    ClassTag<GradientSum> tag = ClassTag$.MODULE$.apply(GradientSum.class);
    sums.context()
        .runJob(
            sums.rdd(),
            new OnlyResult(),
            CollectionConverters.asScala(parts).toSeq(),
            new AbstractFunction2<Object, GradientSum, BoxedUnit>() {
              @Override
              public BoxedUnit apply(Object partition, GradientSum s) {
                m.accept((Integer) partition, s);
                return BoxedUnit.UNIT;
              }
            },
            tag);
    return m.result();
  }

  /** A partition's one result (each training partition holds one element). */
  static final class OnlyResult
      extends AbstractFunction2<TaskContext, Iterator<GradientSum>, GradientSum>
      implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public GradientSum apply(TaskContext tc, Iterator<GradientSum> it) {
      GradientSum acc = new GradientSum();
      while (it.hasNext()) {
        acc.merge(it.next());
      }
      return acc;
    }
  }

  /**
   * Merges results handed in any order into one sum in index order: result {@code i} is merged once
   * results {@code 0 .. i-1} are; earlier arrivals wait in a slot. Not thread-safe (Spark calls a
   * job's result handler from one thread).
   */
  static final class Merger {
    private final GradientSum[] waiting;
    private final GradientSum acc = new GradientSum();
    private int next;

    Merger(int n) {
      waiting = new GradientSum[n];
    }

    void accept(int index, GradientSum s) {
      if (index < next || waiting[index] != null) {
        return; // a duplicate (speculative or resubmitted) result: the first one counts
      }
      waiting[index] = s;
      while (next < waiting.length && waiting[next] != null) {
        acc.merge(waiting[next]);
        waiting[next++] = null;
      }
    }

    GradientSum result() {
      if (next != waiting.length) {
        throw new IllegalStateException(
            "ordered merge has " + next + " of " + waiting.length + " partition results");
      }
      return acc;
    }
  }
}
