package io.nash.hw;

import io.nash.space.ImageShape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of the synthesis stage's estimate for one candidate: the chosen design (our
 * resource-aware folding) with its FINN reports, utilisation of the device budget, and for
 * comparison the design FINN's SetFolding gives (at the target fps, or the fastest SetFolding
 * design that fits when fitting the device). Immutable.
 *
 * @param graph the chosen folded design
 * @param report FINN's estimate numbers for the chosen design
 * @param budget the device budget the folding respected
 * @param fits whether the chosen design fits the budget
 * @param curve fps versus total resources of the resource-aware folding, in unfolding order
 * @param setFolding FINN SetFolding's design numbers
 * @param setFoldingFits whether SetFolding's design fits the budget
 * @param setFoldingTargetFps the target fps SetFolding ran with
 */
public record HardwareEstimate(
    String architecture,
    String quant,
    ImageShape input,
    int classes,
    Device device,
    double clockNs,
    FoldingGoal goal,
    HwGraph graph,
    HwReport report,
    Resources budget,
    boolean fits,
    List<ResourceAwareFolding.Point> curve,
    HwReport setFolding,
    boolean setFoldingFits,
    double setFoldingTargetFps,
    String foldingConfigJson,
    String setFoldingConfigJson) {

  public HardwareEstimate {
    curve = List.copyOf(curve);
  }

  public double fps() {
    return report.fps();
  }

  public double latencyNs() {
    return report.latencyNs();
  }

  public Resources total() {
    return report.total();
  }

  public String bottleneck() {
    return report.maxCyclesNode();
  }

  /** Share of the device's total capacity per resource (LUT, BRAM_18K, URAM, DSP). */
  public Map<String, Double> utilisation() {
    Resources cap = device.capacity();
    Resources t = report.total();
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("LUT", share(t.lut(), cap.lut()));
    m.put("BRAM_18K", share(t.bram18(), cap.bram18()));
    m.put("URAM", share(t.uram(), cap.uram()));
    m.put("DSP", share(t.dsp(), cap.dsp()));
    return m;
  }

  private static double share(double v, double cap) {
    return cap <= 0 ? (v > 0 ? Double.POSITIVE_INFINITY : 0) : v / cap;
  }

  /** The four FINN report files of the chosen design, by file name. */
  public Map<String, String> reportFiles() {
    return report.reportFiles();
  }

  /** The summary printed by {@code nash estimate}. */
  public String summary() {
    Resources t = total();
    Map<String, Double> u = utilisation();
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            java.util.Locale.ROOT,
            "architecture  %s, quant %s, input %s, %d classes%n",
            architecture,
            quant,
            input,
            classes));
    sb.append(
        String.format(
            java.util.Locale.ROOT,
            "device        %s (%s), clock %.3f ns, goal %s%n",
            device.name(),
            device.part(),
            clockNs,
            goal));
    sb.append(
        String.format(
            java.util.Locale.ROOT,
            "fps           %.2f  (bottleneck %s, %d cycles)%n",
            fps(),
            bottleneck(),
            report.maxCycles()));
    sb.append(String.format(java.util.Locale.ROOT, "latency       %.3f ms%n", latencyNs() / 1e6));
    double[] used = {t.lut(), t.bram18(), t.uram(), t.dsp()};
    String[] kinds = {"LUT", "BRAM_18K", "URAM", "DSP"};
    for (int i = 0; i < kinds.length; i++) {
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "%-13s %.0f  (%.1f %%)%n",
              kinds[i],
              used[i],
              100 * u.get(kinds[i])));
    }
    sb.append(String.format(java.util.Locale.ROOT, "fits budget   %s%n", fits ? "yes" : "NO"));
    sb.append(
        String.format(
            java.util.Locale.ROOT,
            "FINN SetFolding (target %.2f fps): %.2f fps, LUT %.0f, BRAM_18K %.0f, URAM %.0f, DSP %.0f, fits %s%n",
            setFoldingTargetFps,
            setFolding.fps(),
            setFolding.total().lut(),
            setFolding.total().bram18(),
            setFolding.total().uram(),
            setFolding.total().dsp(),
            setFoldingFits ? "yes" : "NO"));
    return sb.toString();
  }
}
