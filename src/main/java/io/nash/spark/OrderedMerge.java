package io.nash.spark;

import io.nash.search.engine.GradientSum;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;
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
 * long), so a round is bit-reproducible. Up to {@value #DRIVER_MAX} partitions the driver receives
 * one result per partition; beyond, executors first sum fixed groups of consecutive partitions in
 * partition order and the driver merges the group sums in group order ({@link #grouped}), so it
 * receives about sqrt(P) sums, as from {@code treeAggregate} of depth 2, and rounds stay
 * bit-reproducible.
 */
public final class OrderedMerge {
  private OrderedMerge() {}

  /** Most partitions whose results the driver receives and merges one by one. */
  static final int DRIVER_MAX = 64;

  /**
   * The partition-order sum of {@code sums}' results: on the driver up to {@value #DRIVER_MAX}
   * partitions, else in groups of ceil(sqrt(P)) consecutive partitions ({@link #grouped}).
   */
  public static GradientSum merge(JavaRDD<GradientSum> sums) {
    int n = sums.getNumPartitions();
    return n <= DRIVER_MAX ? run(sums) : grouped(sums, (int) Math.ceil(Math.sqrt(n)));
  }

  /**
   * Sums partitions {@code [g * groupSize, (g + 1) * groupSize)} on an executor in partition order
   * (a shuffle brings each group's results to one task, which sorts them by partition), then merges
   * the group sums on the driver in group order: the same bits whatever order tasks finish or
   * shuffle blocks arrive in. A group's task holds its group's results in memory at once (group
   * size x one task result).
   */
  static GradientSum grouped(JavaRDD<GradientSum> sums, int groupSize) {
    if (groupSize < 1) {
      throw new IllegalArgumentException("group size " + groupSize + ": must be >= 1");
    }
    int n = sums.getNumPartitions();
    int groups = (n + groupSize - 1) / groupSize;
    JavaPairRDD<Integer, Tuple2<Integer, GradientSum>> keyed =
        JavaPairRDD.fromJavaRDD(sums.mapPartitionsWithIndex(new Keyed(groupSize), true));
    // integer keys 0 .. groups-1 hash to themselves: group g is partition g of the grouped RDD
    return run(keyed.groupByKey(new HashPartitioner(groups)).map(new GroupInOrder()));
  }

  /** Tags a partition's result with its group and partition index. */
  static final class Keyed
      implements Function2<
          Integer,
          java.util.Iterator<GradientSum>,
          java.util.Iterator<Tuple2<Integer, Tuple2<Integer, GradientSum>>>> {
    private static final long serialVersionUID = 1L;
    private final int groupSize;

    Keyed(int groupSize) {
      this.groupSize = groupSize;
    }

    @Override
    public java.util.Iterator<Tuple2<Integer, Tuple2<Integer, GradientSum>>> call(
        Integer p, java.util.Iterator<GradientSum> it) {
      GradientSum acc = new GradientSum();
      while (it.hasNext()) {
        acc.merge(it.next());
      }
      return List.of(new Tuple2<>(p / groupSize, new Tuple2<>(p, acc))).iterator();
    }
  }

  /** A group's results merged in partition order (a repeated partition counts once). */
  static final class GroupInOrder
      implements Function<Tuple2<Integer, Iterable<Tuple2<Integer, GradientSum>>>, GradientSum> {
    private static final long serialVersionUID = 1L;

    @Override
    public GradientSum call(Tuple2<Integer, Iterable<Tuple2<Integer, GradientSum>>> group) {
      List<Tuple2<Integer, GradientSum>> members = new ArrayList<>();
      group._2().forEach(members::add);
      members.sort(Comparator.comparing(Tuple2::_1));
      GradientSum acc = new GradientSum();
      int last = -1;
      for (Tuple2<Integer, GradientSum> m : members) {
        if (m._1() != last) {
          acc.merge(m._2());
          last = m._1();
        }
      }
      return acc;
    }
  }

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
