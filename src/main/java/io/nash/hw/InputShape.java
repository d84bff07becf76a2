package io.nash.hw;

/** The network input as {@code C x H x W} (e.g. {@code 3x224x224}, {@code 1x28x28}). Immutable. */
public record InputShape(int channels, int height, int width) {
  public InputShape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "input = " + channels + "x" + height + "x" + width + ": every dimension must be >= 1");
    }
  }

  /** Parses {@code CxHxW}; the error shows the expected form. */
  public static InputShape parse(String s) {
    String[] p = s == null ? new String[0] : s.trim().toLowerCase(java.util.Locale.ROOT).split("x");
    if (p.length != 3) {
      throw new IllegalArgumentException("input = '" + s + "': must be CxHxW, e.g. 3x224x224");
    }
    try {
      return new InputShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("input = '" + s + "': must be CxHxW, e.g. 3x224x224", e);
    }
  }

  @Override
  public String toString() {
    return channels + "x" + height + "x" + width;
  }
}
