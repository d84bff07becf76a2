package io.nash.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.search.dist.GradientSum;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Task results merged in partition order whatever order they arrive in. The values make float
 * addition's order visible: in partition order (1 + 1e8) - 1e8 + 0 = 0 (1e8 + 1 rounds to 1e8 in
 * float), while merging in the arrival order 1, 2, 0, 3 gives (1e8 - 1e8) + 1 + 0 = 1.
 */
class OrderedMergeTest {
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
