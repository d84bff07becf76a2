package io.nash.hw;

import io.nash.space.ImageShape;

/**
 * The stem in front of the first group. {@link #IMAGENET}: 7x7/2 conv (pad 3) + BN + ReLU and a 3/2
 * max pool (pad 1), as the ImageNet ResNet and nash-method.md section 4. {@link #SMALL}: a 3x3/1
 * conv (pad 1) + BN + ReLU and no pool, for 32 px and 28 px inputs. The small stem is our
 * assumption, agreed for the quantized child network: nash-method.md section 1 says the reference
 * ResNet18 <em>search</em> model keeps the 7x7/2 stem at 32 px, which {@link #IMAGENET_NO_POOL}
 * models (a 7x7/2 conv without the max pool).
 */
public enum Stem {
  IMAGENET(7, 2, true),
  IMAGENET_NO_POOL(7, 2, false),
  SMALL(3, 1, false);

  private final int kernel;
  private final int stride;
  private final boolean maxPool;

  Stem(int kernel, int stride, boolean maxPool) {
    this.kernel = kernel;
    this.stride = stride;
    this.maxPool = maxPool;
  }

  public int kernel() {
    return kernel;
  }

  public int stride() {
    return stride;
  }

  public boolean maxPool() {
    return maxPool;
  }

  /**
   * The default for an input: {@link #IMAGENET} from {@link ImageShape#IMAGENET_STEM_MIN} px up,
   * {@link #SMALL} below ({@link ImageShape#imagenetStem}).
   */
  public static Stem forInput(ImageShape in) {
    return in.imagenetStem() ? IMAGENET : SMALL;
  }
}
