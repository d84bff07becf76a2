package io.nash.hw;

/**
 * The shape of one stream between HW layers: an {@code h x w} image of {@code c} channels (NHWC,
 * batch 1) of one datatype. A fully connected layer's vector is {@code 1 x 1 x c}. Immutable.
 */
record StreamShape(int h, int w, int c, DataType type) {
  public StreamShape {
    if (h < 1 || w < 1 || c < 1) {
      throw new IllegalArgumentException(
          "stream shape " + h + "x" + w + "x" + c + ": every dimension must be >= 1");
    }
    if (type == null) {
      throw new IllegalArgumentException("stream datatype must not be null");
    }
  }

  /** Pixels per frame ({@code h * w}). */
  public long pixels() {
    return (long) h * w;
  }

  public StreamShape withType(DataType t) {
    return new StreamShape(h, w, c, t);
  }

  @Override
  public String toString() {
    return h + "x" + w + "x" + c + ":" + type;
  }
}
