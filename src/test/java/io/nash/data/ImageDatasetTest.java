package io.nash.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.space.ImageShape;
import org.junit.jupiter.api.Test;

class ImageDatasetTest {
  /** n one-channel h x w images; pixel value = image index + k/100 (k = flat pixel index). */
  static ImageDataset counting(int n, int h, int w, int classes) {
    ImageShape s = new ImageShape(1, h, w);
    float[] x = new float[n * s.size()];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % classes;
      for (int k = 0; k < s.size(); k++) {
        x[i * s.size() + k] = i + k / 100f;
      }
    }
    return ImageDataset.wrap("counting", s, classes, x, y);
  }

  @Test
  void limitKeepsPrefix() {
    ImageDataset d = counting(5, 2, 2, 3);
    ImageDataset l = d.limit(2);
    assertEquals(2, l.size());
    assertEquals(1.03f, l.pixel(1, 0, 1, 1), 0f);
    assertSame(d, d.limit(9));
    assertThrows(IllegalArgumentException.class, () -> d.limit(-1));
  }

  @Test
  void padToKnownAnswer() {
    // 1x2x2 image [[1,2],[3,4]] padded to 4: top = left = 1
    ImageDataset d =
        ImageDataset.of("p", new ImageShape(1, 2, 2), 2, new float[] {1, 2, 3, 4}, new int[] {1});
    ImageDataset p = d.padTo(4);
    assertEquals(new ImageShape(1, 4, 4), p.shape());
    assertArrayEquals(
        new float[] {0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0}, p.imagesCopy(), 0f);
    // odd difference: 2 -> 3 puts the extra row/column at bottom/right
    assertArrayEquals(new float[] {1, 2, 0, 3, 4, 0, 0, 0, 0}, d.padTo(3).imagesCopy(), 0f);
    assertEquals(1, p.label(0));
    assertThrows(IllegalArgumentException.class, () -> d.padTo(1));
  }

  @Test
  void padsMnistShapeTo32() {
    ImageDataset d = counting(2, 28, 28, 2).padTo(32);
    assertEquals(new ImageShape(1, 32, 32), d.shape());
    assertEquals(0f, d.pixel(1, 0, 1, 1), 0f);
    // source (0,0) of image 1 = 1.00 lands at (2,2); source (27,27) = 1 + 783/100 at (29,29)
    assertEquals(1f, d.pixel(1, 0, 2, 2), 0f);
    assertEquals(8.83f, d.pixel(1, 0, 29, 29), 1e-5f);
    assertEquals(0f, d.pixel(1, 0, 30, 29), 0f);
  }

  @Test
  void selectAndBatchCopyIndices() {
    ImageDataset d = counting(4, 1, 2, 4);
    ImageDataset s = d.select(new int[] {3, 0, 3});
    assertArrayEquals(new int[] {3, 0, 3}, s.labelsCopy());
    assertArrayEquals(new float[] {3f, 3.01f, 0f, 0.01f, 3f, 3.01f}, s.imagesCopy(), 0f);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> d.select(new int[] {4}));
    assertTrue(e.getMessage().contains("index 4"), e.getMessage());
  }

  @Test
  void validation() {
    ImageShape s = new ImageShape(1, 2, 2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ImageDataset.of("v", s, 2, new float[8], new int[] {0, 2}));
    assertTrue(e.getMessage().contains("label 2 at index 1: must be in [0, 2)"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ImageDataset.of("v", s, 2, new float[7], new int[] {0, 1}));
    assertTrue(e.getMessage().contains("7 pixel values for 2 images of 1x2x2: must be 8"));
    assertThrows(IllegalArgumentException.class, () -> new ImageShape(0, 2, 2));
  }

  @Test
  void ofCopiesInput() {
    float[] x = {0.5f};
    ImageDataset d = ImageDataset.of("c", new ImageShape(1, 1, 1), 1, x, new int[] {0});
    x[0] = 9;
    assertEquals(0.5f, d.pixel(0, 0, 0, 0), 0f);
    d.imagesCopy()[0] = 7;
    assertEquals(0.5f, d.pixel(0, 0, 0, 0), 0f);
  }
}
