package io.nash.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class BatchesTest {
  @Test
  void permutationIsAPermutationAndReproducible() {
    int[] a = Batches.permutation(1000, 7, 3);
    assertArrayEquals(a, Batches.permutation(1000, 7, 3));
    int[] sorted = a.clone();
    Arrays.sort(sorted);
    assertArrayEquals(Batches.identity(1000), sorted);
    assertFalse(Arrays.equals(a, Batches.identity(1000)));
  }

  @Test
  void differentSeedsAndEpochsGiveDifferentOrders() {
    int[] base = Batches.permutation(1000, 7, 3);
    assertFalse(Arrays.equals(base, Batches.permutation(1000, 8, 3)));
    assertFalse(Arrays.equals(base, Batches.permutation(1000, 7, 4)));
    // (seed 1, epoch 2) and (seed 2, epoch 1) are unrelated too
    assertFalse(Arrays.equals(Batches.permutation(1000, 1, 2), Batches.permutation(1000, 2, 1)));
  }

  @Test
  void batchCountsAndDropLast() {
    assertEquals(3, Batches.count(10, 4, false));
    assertEquals(2, Batches.count(10, 4, true));
    assertEquals(0, Batches.count(3, 4, true));
    assertThrows(IllegalArgumentException.class, () -> Batches.count(3, 0, true));
  }

  @Test
  void batchesCoverTheEpochInOrder() {
    ImageDataset d = ImageDatasetTest.counting(10, 1, 2, 10);
    List<Integer> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    Iterator<Batch> it = d.batches(4, false, 11, 0);
    while (it.hasNext()) {
      Batch b = it.next();
      sizes.add(b.size());
      assertArrayEquals(new long[] {b.size(), 1, 1, 2}, b.nchw());
      for (int k = 0; k < b.size(); k++) {
        seen.add(b.y()[k]);
        // pixel 1 of the image labelled i is i + 0.01 (labels equal indices here)
        assertEquals(b.y()[k] + 0.01f, b.x()[k * 2 + 1], 0f);
      }
    }
    assertEquals(List.of(4, 4, 2), sizes);
    int[] expected = Batches.permutation(10, 11, 0);
    assertArrayEquals(expected, seen.stream().mapToInt(Integer::intValue).toArray());
    assertThrows(NoSuchElementException.class, it::next);
  }

  @Test
  void dropLastSkipsShortBatch() {
    ImageDataset d = ImageDatasetTest.counting(10, 1, 1, 10);
    Iterator<Batch> it = d.batchesInOrder(4, true);
    assertArrayEquals(new int[] {0, 1, 2, 3}, it.next().y());
    assertArrayEquals(new int[] {4, 5, 6, 7}, it.next().y());
    assertFalse(it.hasNext());
  }
}
