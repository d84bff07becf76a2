package io.nash.hw;

/**
 * The resource estimate of one HW layer or a whole design, in FINN's units: BRAM_18K blocks, LUTs,
 * URAMs and DSP slices, plus FINN's BRAM/URAM efficiencies (1 when no memory is used). Layer values
 * are whole numbers as FINN computes them; totals are sums. Immutable.
 */
public record Resources(
    double bram18,
    double bramEfficiency,
    double lut,
    double uram,
    double uramEfficiency,
    double dsp) {

  public static final Resources ZERO = new Resources(0, 1, 0, 0, 1, 0);

  public static Resources of(double bram18, double lut, double uram, double dsp) {
    return new Resources(bram18, 1, lut, uram, 1, dsp);
  }

  /** Sum of the resource counts; efficiencies are not summed (FINN skips them in totals). */
  public Resources plus(Resources o) {
    return new Resources(bram18 + o.bram18, 1, lut + o.lut, uram + o.uram, 1, dsp + o.dsp);
  }

  public Resources minus(Resources o) {
    return new Resources(bram18 - o.bram18, 1, lut - o.lut, uram - o.uram, 1, dsp - o.dsp);
  }

  /** True if every count is at most the budget's. */
  public boolean fitsIn(Resources budget) {
    return lut <= budget.lut && bram18 <= budget.bram18 && uram <= budget.uram && dsp <= budget.dsp;
  }

  /**
   * Sum over LUT, BRAM, URAM and DSP of count / budget (a resource with zero budget counts
   * infinitely if used): the scalar cost the resource-aware folding minimises.
   */
  public double normalizedCost(Resources budget) {
    return share(lut, budget.lut)
        + share(bram18, budget.bram18)
        + share(uram, budget.uram)
        + share(dsp, budget.dsp);
  }

  private static double share(double v, double cap) {
    if (v <= 0) {
      return 0;
    }
    return cap <= 0 ? Double.POSITIVE_INFINITY : v / cap;
  }

  /** The four counts under FINN's report names: LUT, BRAM_18K, URAM, DSP (in that order). */
  public java.util.Map<String, Double> counts() {
    java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
    m.put("LUT", lut);
    m.put("BRAM_18K", bram18);
    m.put("URAM", uram);
    m.put("DSP", dsp);
    return m;
  }
}
