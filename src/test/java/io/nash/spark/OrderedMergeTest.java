package io.nash.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.search.engine.GradientSum;
import io.nash.testutil.SparkTestBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * Task results merged in partition order whatever order they arrive in. The values make float
 * addition's order visible: in partition order (1 + 1e8) - 1e8 + 0 = 0 (1e8 + 1 rounds to 1e8 in
 * float), while merging in the arrival order 1, 2, 0, 3 gives (1e8 - 1e8) + 1 + 0 = 1.
 */
class OrderedMergeTest extends SparkTestBase {
  private static final float[] VALUES = {1f, 1e8f, -1e8f, 0f};

  private static GradientSum result(int p) {
    long[] counters = new long[GradientSum.COUNTERS];
    counters[2] = p + 1; // train samples: tells the results apart
    counters[4] = 1;
    return GradientSum.restore(
        Map.of(0, new float[] {VALUES[p]}), new float[] {VALUES[p]}, new double[2], counters);
  }

  @Test
  void everyArrivalOrderGivesThePartitionOrderSum() {
    GradientSum arrival = new GradientSum();
    for (int p : new int[] {1, 2, 0, 3}) {
      arrival.merge(result(p));
    }
    assertEquals(1f, arrival.weightSums().get(0)[0], "completion-order merge, for contrast");
    for (List<Integer> order : permutations(List.of(0, 1, 2, 3))) {
      OrderedMerge.Merger m = new OrderedMerge.Merger(4);
      for (int p : order) {
        m.accept(p, result(p));
      }
      GradientSum s = m.result();
      assertEquals(0f, s.weightSums().get(0)[0], "weights, arrival order " + order);
      assertEquals(0f, s.alphaSum()[0], "alpha, arrival order " + order);
      assertEquals(1 + 2 + 3 + 4, s.trainSamples());
      assertEquals(4, s.tasks());
    }
  }

  @Test
  void aDuplicateResultCountsOnceAndAMissingOneIsAnError() {
    OrderedMerge.Merger m = new OrderedMerge.Merger(3);
    m.accept(1, result(1));
    m.accept(1, result(1)); // waiting duplicate
    m.accept(0, result(0));
    m.accept(0, result(0)); // merged duplicate
    IllegalStateException e = assertThrows(IllegalStateException.class, m::result);
    assertTrue(e.getMessage().contains("2 of 3 partition results"), e.getMessage());
    m.accept(2, result(2));
    assertEquals(3, m.result().tasks());
    assertEquals(1 + 2 + 3, m.result().trainSamples());
  }

  /**
   * Above 64 partitions: 70 results summed by executors in groups of ceil(sqrt(70)) = 9 consecutive
   * partitions, each group in partition order, then the 8 group sums in group order, bit for bit.
   * The floats span eight decades, so another order (here: each group reversed) gives other bits.
   */
  @Test
  void aboveSixtyFourPartitionsGroupsOfConsecutivePartitionsAreSummedInOrder() {
    int n = 70;
    int group = 9;
    GradientSum expected = new GradientSum();
    GradientSum reversed = new GradientSum();
    for (int g = 0; g * group < n; g++) {
      GradientSum inOrder = new GradientSum();
      GradientSum backwards = new GradientSum();
      int end = Math.min(n, (g + 1) * group);
      for (int p = g * group; p < end; p++) {
        inOrder.merge(wide(p));
        backwards.merge(wide(end - 1 - (p - g * group)));
      }
      expected.merge(inOrder);
      reversed.merge(backwards);
    }
    assertFalse(
        Arrays.equals(expected.weightSums().get(0), reversed.weightSums().get(0)),
        "the values must make the summation order visible");

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
    List<Integer> parts = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      parts.add(p);
    }
    JavaRDD<GradientSum> sums = jsc.parallelize(parts, n).map(new Wide());
    GradientSum s = OrderedMerge.merge(sums);
    assertArrayEquals(expected.weightSums().get(0), s.weightSums().get(0), 0f, "weights");
    assertArrayEquals(expected.weightSums().get(3), s.weightSums().get(3), 0f, "second tensor");
    assertArrayEquals(expected.alphaSum(), s.alphaSum(), 0f, "alpha");
    assertEquals(n, s.tasks());
    assertEquals(n * (n + 1) / 2, s.trainSamples());
    assertEquals(n, OrderedMerge.grouped(sums, 1).tasks(), "groups of one partition");
    assertArrayEquals(
        expected.alphaSum(),
        OrderedMerge.grouped(sums, group).alphaSum(),
        0f,
        "a second run gives the same bits");
  }

  @Test
  void aGroupCountsARepeatedPartitionOnceAndTheGroupSizeIsChecked() {
    GradientSum s =
        new OrderedMerge.GroupInOrder()
            .call(
                new Tuple2<>(
                    0,
                    List.of(
                        new Tuple2<>(1, result(1)),
                        new Tuple2<>(0, result(0)),
                        new Tuple2<>(1, result(1)))));
    assertEquals(2, s.tasks());
    assertEquals(1 + 2, s.trainSamples());
    assertEquals(1e8f + 1f, s.weightSums().get(0)[0], "partition 0 first: 1 + 1e8");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OrderedMerge.grouped(jsc.parallelize(List.of(0), 1).map(new Wide()), 0));
    assertTrue(e.getMessage().contains("group size 0"), e.getMessage());
  }

  /** Partition p's result: 16 floats over eight decades in two tensors and alpha, seeded by p. */
  private static GradientSum wide(int p) {
    Random r = new Random(1000 + p);
    float[] w = new float[16];
    float[] w3 = new float[5];
    float[] a = new float[4];
    for (float[] x : List.of(w, w3, a)) {
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(8)));
      }
    }
    long[] counters = new long[GradientSum.COUNTERS];
    counters[2] = p + 1;
    counters[4] = 1;
    return GradientSum.restore(Map.of(0, w, 3, w3), a, new double[2], counters);
  }

  /** {@link #wide} as a Spark function. */
  static final class Wide implements Function<Integer, GradientSum> {
    private static final long serialVersionUID = 1L;

    @Override
    public GradientSum call(Integer p) {
      return wide(p);
    }
  }

  private static List<List<Integer>> permutations(List<Integer> xs) {
    List<List<Integer>> out = new ArrayList<>();
    if (xs.isEmpty()) {
      out.add(new ArrayList<>());
      return out;
    }
    for (int i = 0; i < xs.size(); i++) {
      List<Integer> rest = new ArrayList<>(xs);
      int head = rest.remove(i);
      for (List<Integer> tail : permutations(rest)) {
        tail.add(0, head);
        out.add(tail);
      }
    }
    return out;
  }
}
