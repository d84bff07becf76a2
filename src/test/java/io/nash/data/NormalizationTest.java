package io.nash.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nash.space.ImageShape;
import org.junit.jupiter.api.Test;

class NormalizationTest {
  @Test
  void fitKnownAnswer() {
    // 2 images, 2 channels, 1x2 pixels. Channel 0 values {0, 0.5, 1, 0.5}: mean 0.5,
    // variance (0.25 + 0 + 0.25 + 0) / 4 = 0.125, std 0.353553. Channel 1 values all 0.2:
    // mean 0.2, zero spread -> std 1.
    float[] x = {0f, 0.5f, 0.2f, 0.2f, 1f, 0.5f, 0.2f, 0.2f};
    ImageDataset d = ImageDataset.of("n", new ImageShape(2, 1, 2), 2, x, new int[] {0, 1});
    Normalization n = Normalization.fit(d);
    assertArrayEquals(new float[] {0.5f, 0.2f}, n.mean(), 1e-6f);
    assertArrayEquals(new float[] {0.35355339f, 1f}, n.std(), 1e-6f);
    // image 1 channel 0: (1 - 0.5)/0.353553 = 1.414214; channel 1: (0.2 - 0.2)/1 = 0
    ImageDataset z = d.normalized(n);
    assertEquals(1.4142136f, z.pixel(1, 0, 0, 0), 1e-5f);
    assertEquals(0f, z.pixel(1, 1, 0, 1), 1e-6f);
    assertEquals(-1.4142136f, z.pixel(0, 0, 0, 0), 1e-5f);
  }

  @Test
  void standardConstantsAndZeroPixel() {
    // CIFAR-10 channel 0: (0.49139968 - 0.49139968) / std = 0; zero pixel: -0.49139968/0.24703233 =
    // -1.9892120
    Batch b =
        new Batch(new float[] {0.49139968f, 1f, 0f}, new int[] {0}, 1, new ImageShape(3, 1, 1));
    Normalization.CIFAR10.applyInPlace(b);
    assertEquals(0f, b.x()[0], 1e-6f);
    // channel 1: (1 - 0.48215827)/0.24348505 = 2.1267907
    assertEquals(2.1267907f, b.x()[1], 1e-5f);
    // channel 2: -0.44653124/0.26158768 = -1.7070041
    assertEquals(-1.7070041f, b.x()[2], 1e-5f);
    assertEquals(-1.9892120f, Normalization.CIFAR10.zeroPixel()[0], 1e-5f);
    // Fashion-MNIST: (1 - 0.2860)/0.3530 = 2.022663
    float[] x = {1f};
    Normalization.FASHION_MNIST.applyInPlace(x, 1, new ImageShape(1, 1, 1));
    assertEquals(2.0226629f, x[0], 1e-5f);
  }

  @Test
  void validation() {
    assertThrows(
        IllegalArgumentException.class, () -> Normalization.of(new float[] {0f}, new float[] {0f}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Normalization.of(new float[] {0f, 1f}, new float[] {1f}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Normalization.MNIST.applyInPlace(new float[3], 1, new ImageShape(3, 1, 1)));
  }
}
