package io.nash.hw;

/**
 * An FPGA board or card the design must fit on (finn-reference.md section 5). Capacities are FINN's
 * per-SLR sums for Alveo cards ({@code platforms.py}) and the vendor full-device figures for the
 * Zynq boards; {@code shell} is what the platform itself takes (FINN's memory-controller costs for
 * Alveo, none for Zynq). The budget the folding may use is {@code (capacity - shell) x
 * DEFAULT_RES_LIMITS} (LUT 0.7, BRAM 0.8, URAM 0.8, DSP 0.8), rounded down. Immutable.
 *
 * @param name catalog name, e.g. {@code U250}
 * @param finnBoard FINN's {@code board} value, e.g. {@code U250}, {@code KV260_SOM}
 * @param part FPGA part, e.g. {@code xcu250-figd2104-2L-e}
 * @param slrs super logic regions
 * @param capacity LUT, BRAM_18K, URAM and DSP of the device
 * @param shell resources the shell takes before our design
 * @param defaultClockNs clock used when none is given
 * @param shellFlow FINN's {@code shell_flow_type}: {@code vivado_zynq} or {@code vitis_alveo}
 * @param vitisPlatform FINN's default Vitis platform (Alveo), or empty
 */
public record Device(
    String name,
    String finnBoard,
    String part,
    int slrs,
    Resources capacity,
    Resources shell,
    double defaultClockNs,
    String shellFlow,
    String vitisPlatform) {

  /** FINN's {@code DEFAULT_RES_LIMITS} for LUT, BRAM, URAM, DSP (FF's 0.5 is not modelled). */
  public static final double LUT_LIMIT = 0.7;

  public static final double BRAM_LIMIT = 0.8;
  public static final double URAM_LIMIT = 0.8;
  public static final double DSP_LIMIT = 0.8;

  public Device {
    require(name != null && !name.isBlank(), "device name must not be empty");
    require(part != null && !part.isBlank(), "device " + name + ": part must not be empty");
    require(slrs >= 1, "device " + name + ": slrs = " + slrs + ": must be >= 1");
    require(capacity.lut() > 0, "device " + name + ": lut = " + capacity.lut() + ": must be > 0");
    require(
        capacity.bram18() >= 0 && capacity.uram() >= 0 && capacity.dsp() >= 0,
        "device " + name + ": bram18, uram and dsp must be >= 0");
    require(
        defaultClockNs > 0, "device " + name + ": clock_ns = " + defaultClockNs + ": must be > 0");
    require(
        "vivado_zynq".equals(shellFlow) || "vitis_alveo".equals(shellFlow),
        "device "
            + name
            + ": shell_flow_type = "
            + shellFlow
            + ": allowed are vivado_zynq, vitis_alveo");
    require(
        capacity.minus(shell).fitsIn(capacity) && shell.lut() >= 0 && shell.lut() < capacity.lut(),
        "device " + name + ": shell must be >= 0 and smaller than the capacity");
    vitisPlatform = vitisPlatform == null ? "" : vitisPlatform;
  }

  private static void require(boolean ok, String msg) {
    if (!ok) {
      throw new IllegalArgumentException(msg);
    }
  }

  public DspType dspType() {
    return DspType.ofPart(part);
  }

  /** {@code floor((capacity - shell) * limit)} per resource. */
  public Resources budget() {
    Resources free = capacity.minus(shell);
    return Resources.of(
        Math.floor(free.bram18() * BRAM_LIMIT),
        Math.floor(free.lut() * LUT_LIMIT),
        Math.floor(free.uram() * URAM_LIMIT),
        Math.floor(free.dsp() * DSP_LIMIT));
  }

  public boolean isAlveo() {
    return "vitis_alveo".equals(shellFlow);
  }
}
