package io.nash.nn.child;

import io.nash.space.Architecture;
import io.nash.space.ImageShape;
import io.nash.space.QuantSpec;
import java.util.Objects;

/**
 * Everything a child network's structure depends on: the architecture (a genotype or the baseline),
 * the bit widths, the width per group ({@code w}; the stages have w, 2w, 4w, 8w channels; 64 in the
 * paper, smaller for CPU work), the input shape (at least 4x4) and the class count. Immutable.
 */
public record ChildConfig(
    Architecture architecture, QuantSpec quant, int width, ImageShape input, int classes) {
  public ChildConfig {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(quant, "quant");
    Objects.requireNonNull(input, "input");
    if (input.height() < 4 || input.width() < 4) {
      throw new IllegalArgumentException(
          "input shape = " + input + ": must be at least 4x4 (the stages halve it three times)");
    }
    if (width < 2 || width % 2 != 0) {
      throw new IllegalArgumentException(
          "width = " + width + ": must be an even number >= 2 (factorized reduce halves channels)");
    }
    if (classes < 2) {
      throw new IllegalArgumentException("classes = " + classes + ": must be >= 2");
    }
  }
}
