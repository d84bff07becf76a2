package io.nash.hw;

/** The variant a HW layer is specialized to by FINN's SpecializeLayers (section 3.0). */
enum Impl {
  HLS,
  RTL;

  /** {@code hls} or {@code rtl}, the suffix of the specialized op type. */
  public String suffix() {
    return this == HLS ? "hls" : "rtl";
  }
}
