package io.nash.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PartitionsTest {
  @Test
  void stridedKnownAnswer() {
    assertArrayEquals(new int[] {1, 4, 7}, Partitions.indices(9, 1, 3));
    assertArrayEquals(new int[] {2, 5}, Partitions.indices(7, 2, 3));
    assertArrayEquals(new int[] {}, Partitions.indices(2, 3, 4));
  }

  @Test
  void disjointCoverWithBalancedSizes() {
    for (int n : new int[] {0, 1, 7, 60, 101}) {
      for (int parts = 1; parts <= 8; parts++) {
        int[] owner = new int[n];
        java.util.Arrays.fill(owner, -1);
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int p = 0; p < parts; p++) {
          int[] idx = Partitions.indices(n, p, parts);
          assertEquals(idx.length, Partitions.size(n, p, parts));
          min = Math.min(min, idx.length);
          max = Math.max(max, idx.length);
          for (int i : idx) {
            assertEquals(-1, owner[i], "index " + i + " in two partitions");
            owner[i] = p;
          }
        }
        for (int i = 0; i < n; i++) {
          assertTrue(owner[i] >= 0, "index " + i + " of " + n + " in no partition");
        }
        assertTrue(max - min <= 1, "sizes " + min + ".." + max);
      }
    }
  }

  @Test
  void datasetPartition() {
    ImageDataset d = ImageDatasetTest.counting(5, 1, 1, 5);
    assertArrayEquals(new int[] {1, 3}, d.partition(1, 2).labelsCopy());
  }

  @Test
  void validation() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Partitions.indices(5, 2, 2));
    assertEquals("partition = 2: must be in [0, 2)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Partitions.indices(5, 0, 0));
  }
}
