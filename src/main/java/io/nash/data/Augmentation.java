package io.nash.data;

import io.nash.space.ImageShape;
import java.util.SplittableRandom;

/**
 * Random crop with padding and random horizontal flip for small images (torchvision's {@code
 * RandomCrop(size, padding)} then {@code RandomHorizontalFlip()}), on NCHW float arrays.
 *
 * <p>The image is padded by {@code padding} on every side with {@code fill[c]}, a window of the
 * original size is cut at offset (dy, dx) in [0, 2*padding], and the window is mirrored left to
 * right with probability 1/2. Per image the random draws are, in this order: dy, dx, flip. Fill
 * with 0 for [0,1] pixels, or with {@link Normalization#zeroPixel()} on normalized batches to match
 * padding before normalization. Immutable and thread-safe (the caller owns the RNG).
 */
public final class Augmentation {
  private final int padding;
  private final boolean flip;
  private final float[] fill;

  /**
   * @param padding pixels of padding per side for the random crop (0: no crop)
   * @param flip whether to mirror horizontally with probability 1/2
   * @param fill the padding value per channel
   */
  public Augmentation(int padding, boolean flip, float[] fill) {
    if (padding < 0) {
      throw new IllegalArgumentException("augmentation padding = " + padding + ": must be >= 0");
    }
    this.padding = padding;
    this.flip = flip;
    this.fill = fill.clone();
  }

  /** Crop with {@code padding} zero padding and flip, for one-channel or RGB [0,1] images. */
  public static Augmentation cropAndFlip(int padding, int channels) {
    return new Augmentation(padding, true, new float[channels]);
  }

  /** A new batch with every image augmented; {@code rng} supplies the draws. */
  public Batch apply(Batch batch, SplittableRandom rng) {
    ImageShape s = batch.shape();
    if (fill.length != s.channels()) {
      throw new IllegalArgumentException(
          "augmentation fill for " + fill.length + " channels applied to " + s + " images");
    }
    float[] out = new float[batch.x().length];
    for (int i = 0; i < batch.size(); i++) {
      int dy = rng.nextInt(2 * padding + 1);
      int dx = rng.nextInt(2 * padding + 1);
      boolean mirror = flip && rng.nextBoolean();
      cropFlip(batch.x(), i * s.size(), s, padding, dy, dx, mirror, fill, out, i * s.size());
    }
    return new Batch(out, batch.y().clone(), batch.size(), s);
  }

  /** {@link #apply(Batch, SplittableRandom)} with an RNG seeded by {@code seed}. */
  public Batch apply(Batch batch, long seed) {
    return apply(batch, new SplittableRandom(seed));
  }

  /**
   * The deterministic core: writes into {@code dst} the image at {@code src[srcOffset]} padded by
   * {@code padding} with {@code fill}, cropped at (dy, dx) and mirrored if {@code mirror}. Output
   * pixel (y, x) is padded pixel (y + dy, x' + dx) with x' = mirror ? W-1-x : x, i.e. source pixel
   * (y + dy - padding, x' + dx - padding) or fill when that lies outside.
   */
  public static void cropFlip(
      float[] src,
      int srcOffset,
      ImageShape shape,
      int padding,
      int dy,
      int dx,
      boolean mirror,
      float[] fill,
      float[] dst,
      int dstOffset) {
    int h = shape.height();
    int w = shape.width();
    if (dy < 0 || dx < 0 || dy > 2 * padding || dx > 2 * padding) {
      throw new IllegalArgumentException(
          "crop offset (" + dy + "," + dx + "): must be in [0, " + 2 * padding + "]");
    }
    for (int c = 0; c < shape.channels(); c++) {
      int plane = c * h * w;
      for (int y = 0; y < h; y++) {
        int sy = y + dy - padding;
        for (int x = 0; x < w; x++) {
          int sx = (mirror ? w - 1 - x : x) + dx - padding;
          float v =
              sy >= 0 && sy < h && sx >= 0 && sx < w
                  ? src[srcOffset + plane + sy * w + sx]
                  : fill[c];
          dst[dstOffset + plane + y * w + x] = v;
        }
      }
    }
  }
}
