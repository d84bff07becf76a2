package io.nash.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nash.space.ImageShape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {
  // 1x2x3 image:  1 2 3
  //               4 5 6
  private static final float[] IMG = {1, 2, 3, 4, 5, 6};
  private static final ImageShape S = new ImageShape(1, 2, 3);

  private static float[] crop(int pad, int dy, int dx, boolean mirror) {
    float[] out = new float[6];
    Augmentation.cropFlip(IMG, 0, S, pad, dy, dx, mirror, new float[] {-1}, out, 0);
    return out;
  }

  @Test
  void cropFlipKnownAnswers() {
    // centre offset (pad, pad) without flip is the identity
    assertArrayEquals(IMG, crop(1, 1, 1, false), 0f);
    // flip only: rows mirrored
    assertArrayEquals(new float[] {3, 2, 1, 6, 5, 4}, crop(1, 1, 1, true), 0f);
    // offset (0,0) with padding 1: the window starts one up and one left, fill -1
    //  -1 -1 -1
    //  -1  1  2
    assertArrayEquals(new float[] {-1, -1, -1, -1, 1, 2}, crop(1, 0, 0, false), 0f);
    // offset (2,2): one down, one right:  5 6 -1 / -1 -1 -1
    assertArrayEquals(new float[] {5, 6, -1, -1, -1, -1}, crop(1, 2, 2, false), 0f);
    // offset (1,0) then mirror: crop rows [-1 1 2],[-1 4 5] mirrored -> [2 1 -1],[5 4 -1]
    assertArrayEquals(new float[] {2, 1, -1, 5, 4, -1}, crop(1, 1, 0, true), 0f);
    assertThrows(IllegalArgumentException.class, () -> crop(1, 3, 0, false));
  }

  @Test
  void seededApplyFollowsDrawOrder() {
    Batch b = new Batch(IMG.clone(), new int[] {4}, 1, S);
    Augmentation aug = new Augmentation(1, true, new float[] {-1});
    Batch out = aug.apply(b, 42L);
    // replay the documented draws: dy, dx, flip
    SplittableRandom r = new SplittableRandom(42L);
    int dy = r.nextInt(3);
    int dx = r.nextInt(3);
    boolean flip = r.nextBoolean();
    assertArrayEquals(crop(1, dy, dx, flip), out.x(), 0f);
    assertArrayEquals(new int[] {4}, out.y());
    assertArrayEquals(IMG, b.x(), 0f); // the input batch is untouched
    assertArrayEquals(out.x(), aug.apply(b, 42L).x(), 0f);
  }

  @Test
  void seedsVaryTheResult() {
    ImageDataset d = ImageDatasetTest.counting(16, 4, 4, 2);
    Batch b = d.batchesInOrder(16, false).next();
    Augmentation aug = Augmentation.cropAndFlip(2, 1);
    assertFalse(java.util.Arrays.equals(aug.apply(b, 1L).x(), aug.apply(b, 2L).x()));
    // no padding and no flip is the identity
    assertArrayEquals(b.x(), new Augmentation(0, false, new float[1]).apply(b, 3L).x(), 0f);
    assertEquals(16, aug.apply(b, 1L).size());
  }
}
