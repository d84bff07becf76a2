package io.nash.nn.child;

import io.nash.space.GroupSpec;

/**
 * Concrete channels and map sizes of one group at a given width and input map size.
 *
 * @param spec the backbone's group
 * @param in input channels
 * @param out output channels of every layer and node
 * @param inH input map height, {@code inW} its width; {@code outH}/{@code outW} after the stride
 */
record GroupLayout(GroupSpec spec, int in, int out, int inH, int inW, int outH, int outW) {
  static GroupLayout of(GroupSpec spec, int width, int inH, int inW) {
    int s = spec.stride();
    // 3x3 conv, pad 1: (H + 2 - 3) / s + 1
    return new GroupLayout(
        spec,
        spec.inChannels(width),
        spec.outChannels(width),
        inH,
        inW,
        (inH - 1) / s + 1,
        (inW - 1) / s + 1);
  }

  int stride() {
    return spec.stride();
  }

  boolean projection() {
    return spec.projectionShortcut();
  }
}
