package io.nash.cli;

import io.nash.hw.Device;
import io.nash.hw.DeviceCatalog;
import io.nash.hw.FinnBuildPackage;
import io.nash.hw.FoldingCurve;
import io.nash.hw.FoldingGoal;
import io.nash.hw.HardwareEstimate;
import io.nash.hw.HardwareEstimator;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.ImageShape;
import io.nash.space.QuantSpec;
import io.nash.space.SpaceJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The work behind {@code nash estimate}: parse the flags, estimate, write the FINN build package
 * and FINN's report files, return the summary to print. Output folder layout: {@code
 * dataflow_build_config.json}, {@code folding_config.json}, {@code specialize_layers_config.json},
 * {@code setfolding_config.json} (FINN SetFolding's choice, for comparison) and {@code report/}
 * with the four estimate reports. Stateless; thread-safe.
 */
final class EstimateJob {
  private EstimateJob() {}

  /**
   * The flags of {@code nash estimate}.
   *
   * @param genotype v1..v4, baseline or a genotype JSON file
   * @param backbone resnet18 or resnet34 (for the baseline; a genotype names its own)
   * @param input CxHxW
   * @param quant a {@link QuantSpec} preset name
   * @param device a catalog device name
   * @param deviceFile optional user device JSON file (null for none)
   * @param clockNs clock period, or null for the device's default
   * @param targetFps target fps, or null with {@code fitDevice}
   * @param out output folder
   */
  public record Request(
      String genotype,
      String backbone,
      String input,
      int classes,
      String quant,
      String device,
      Path deviceFile,
      Double clockNs,
      Double targetFps,
      boolean fitDevice,
      Path out) {}

  /** Runs the estimate; returns the summary text. */
  public static String run(Request r) {
    return runEstimate(r).summary();
  }

  /** Runs the estimate and writes the files; returns the full result. */
  public static HardwareEstimate runEstimate(Request r) {
    if (r.out() == null) {
      throw new IllegalArgumentException("out: an output folder is required");
    }
    Architecture arch = architecture(r);
    QuantSpec q = QuantSpec.named(r.quant());
    ImageShape in = ImageShape.parse(r.input());
    Device d = catalog(r).get(r.device());
    if (r.fitDevice() == (r.targetFps() != null)) {
      throw new IllegalArgumentException("give exactly one of --target-fps or --fit-device");
    }
    FoldingGoal goal =
        r.fitDevice() ? FoldingGoal.ofFitDevice() : FoldingGoal.ofTargetFps(r.targetFps());
    double clk = r.clockNs() == null ? d.defaultClockNs() : r.clockNs();
    HardwareEstimate e = HardwareEstimator.estimate(arch, q, in, r.classes(), d, clk, goal);
    FinnBuildPackage.writeEstimateFolder(r.out(), e, d, clk);
    return e;
  }

  /**
   * {@code nash estimate --curve}: the design of {@code r} folded to fit every device of the
   * catalog (and of {@code r.deviceFile()}), each at {@code r.clockNs()} or its default clock;
   * returns the {@link FoldingCurve} table, a blank line and its JSON lines. {@code r.device()},
   * the goal and {@code r.out()} are not used.
   */
  public static String curve(Request r) {
    Architecture arch = architecture(r);
    QuantSpec q = QuantSpec.named(r.quant());
    ImageShape in = ImageShape.parse(r.input());
    DeviceCatalog cat = catalog(r);
    List<HardwareEstimate> all = new ArrayList<>();
    for (String name : cat.names()) {
      Device d = cat.get(name);
      double clk = r.clockNs() == null ? d.defaultClockNs() : r.clockNs();
      all.add(
          HardwareEstimator.estimate(arch, q, in, r.classes(), d, clk, FoldingGoal.ofFitDevice()));
    }
    return FoldingCurve.table(all) + "\n" + FoldingCurve.jsonLines(all);
  }

  private static Architecture architecture(Request r) {
    return SpaceJson.readArchitecture(
        r.genotype(), Backbone.fromName(r.backbone() == null ? "resnet18" : r.backbone()));
  }

  private static DeviceCatalog catalog(Request r) {
    DeviceCatalog cat = DeviceCatalog.builtIn();
    return r.deviceFile() == null ? cat : cat.withUserFile(r.deviceFile());
  }
}
