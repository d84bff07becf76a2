package io.nash.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SearchSplitTest {
  @Test
  void firstPortionTrainsWeightsRestTrainsAlpha() {
    ImageDataset d = ImageDatasetTest.counting(11, 1, 1, 11);
    SearchSplit s = SearchSplit.of(d, SearchSplit.DEFAULT_TRAIN_PORTION);
    // floor(0.5 * 11) = 5
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, s.weights().labelsCopy());
    assertArrayEquals(new int[] {5, 6, 7, 8, 9, 10}, s.alpha().labelsCopy());
    assertEquals("counting-weights", s.weights().name());
    assertEquals(5.0f, s.alpha().pixel(0, 0, 0, 0), 0f);
    // floor(0.8 * 11) = floor(8.8) = 8
    assertEquals(8, SearchSplit.of(d, 0.8).weights().size());
    assertEquals(3, SearchSplit.of(d, 0.8).alpha().size());
  }

  @Test
  void badPortions() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SearchSplit.splitIndex(10, 1.0));
    assertEquals("nash.search.train-portion = 1.0: must be in (0, 1)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SearchSplit.splitIndex(10, Double.NaN));
    e = assertThrows(IllegalArgumentException.class, () -> SearchSplit.splitIndex(3, 0.2));
    assertTrue(e.getMessage().contains("empty half"), e.getMessage());
  }
}
