package io.nash.nn;

import io.nash.space.Backbone;
import io.nash.space.NashVersion;
import java.util.Objects;

/**
 * What a {@link Supernet} is built from: backbone, NASH version, width per group, input shape and
 * class count. {@code plain = true} builds the backbone alone as a standard ResNet (BasicBlocks
 * with ReLU, full-precision convs, no NAS ops): the non-NAS reference the benchmark compares with.
 * Immutable, validated at construction.
 *
 * @param imageSize input height = width in pixels (28 and 32 are the tested cases; any size from 8
 *     works: odd maps are handled by the ops, see {@link CandidateOp})
 */
public record SupernetSpec(
    Backbone backbone,
    NashVersion version,
    int width,
    int inChannels,
    int imageSize,
    int classes,
    boolean plain) {

  public SupernetSpec {
    Objects.requireNonNull(backbone, "backbone");
    Objects.requireNonNull(version, "version");
    if (width < 1 || width > 1024) {
      throw new IllegalArgumentException("width = " + width + ": must be in 1..1024");
    }
    if (inChannels < 1 || inChannels > 64) {
      throw new IllegalArgumentException("input channels = " + inChannels + ": must be in 1..64");
    }
    if (imageSize < 8 || imageSize > 1024) {
      throw new IllegalArgumentException("image size = " + imageSize + ": must be in 8..1024");
    }
    if (classes < 2) {
      throw new IllegalArgumentException("classes = " + classes + ": must be >= 2");
    }
  }

  /** A NASH supernet. */
  public static SupernetSpec of(
      Backbone backbone,
      NashVersion version,
      int width,
      int inChannels,
      int imageSize,
      int classes) {
    return new SupernetSpec(backbone, version, width, inChannels, imageSize, classes, false);
  }

  /** The plain ResNet of the same backbone and shape (no NAS ops). */
  public SupernetSpec asPlain() {
    return new SupernetSpec(backbone, version, width, inChannels, imageSize, classes, true);
  }

  /** Ops per edge (6 for V1-V3, 4 for V4). */
  public int opCount() {
    return version.ops().size();
  }

  /**
   * Side of the map the stem produces: 7x7/2 for ResNet18 halves it, 3x3/1 for ResNet34 keeps it.
   */
  public int stemOutputSize() {
    return backbone == Backbone.RESNET18 ? (imageSize + 1) / 2 : imageSize;
  }
}
