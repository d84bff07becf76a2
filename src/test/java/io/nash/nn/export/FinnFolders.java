package io.nash.nn.export;

import ai.djl.ndarray.NDManager;
import io.nash.hw.DeviceCatalog;
import io.nash.hw.Estimator;
import io.nash.hw.FinnBuildPackage;
import io.nash.hw.FinnConfigs;
import io.nash.hw.FinnRunner;
import io.nash.hw.FoldingGoal;
import io.nash.hw.HardwareEstimate;
import io.nash.hw.HardwareEstimator;
import io.nash.hw.HwGraph;
import io.nash.hw.HwReport;
import io.nash.hw.SetFolding;
import io.nash.hw.Stem;
import io.nash.hw.TrainedValues;
import io.nash.hw.onnx.OnnxReader;
import io.nash.nn.child.ChildNetwork;
import io.nash.space.Architecture;
import io.nash.space.ImageShape;
import io.nash.space.QuantSpec;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * FINN build folders as the synthesis stage writes them: a child network with trained-looking BN
 * statistics exported as QONNX, plus our lowering's configs for the same design, lowered with the
 * exported model's trained values.
 */
public final class FinnFolders {
  private FinnFolders() {}

  /**
   * The FINN install at {@code FINN_HOME}; when the variable is not set the calling test is skipped
   * (failed under CI, {@link io.nash.Components}), and when it holds no FINN this throws.
   */
  public static FinnRunner finn(java.time.Duration timeout) {
    String home = System.getenv(FinnRunner.FINN_HOME);
    io.nash.Components.require(
        home != null && !home.isBlank(),
        "FINN_HOME is not set: the finn-tagged tests need a FINN v0.10.1 install (a FINN checkout"
            + " with run-docker.sh, or a folder with FINN's python); .ci/run sets it");
    // set but broken: fromFinnHome throws, and the tests fail
    return FinnRunner.fromFinnHome(home, timeout);
  }

  /** Writes the folder for {@code arch} into {@code dir}; returns our estimate of it. */
  public static HardwareEstimate write(
      NDManager manager,
      Path dir,
      Architecture arch,
      QuantSpec quant,
      int width,
      ImageShape in,
      int classes,
      String device,
      double targetFps,
      long seed) {
    return write(manager, dir, arch, quant, width, in, classes, device, targetFps, seed, g -> g)
        .estimate();
  }

  /** A folder's design: the folding's estimate and the design written, with our report of it. */
  public record Design(HardwareEstimate estimate, HwGraph graph, HwReport report) {}

  /**
   * Writes the folder for {@code arch} with the design {@code redesign} makes of the folding's
   * graph (the identity for the folding's own), and our report of that design.
   */
  public static Design write(
      NDManager manager,
      Path dir,
      Architecture arch,
      QuantSpec quant,
      int width,
      ImageShape in,
      int classes,
      String device,
      double targetFps,
      long seed,
      UnaryOperator<HwGraph> redesign) {
    ImageShape hwIn = in;
    byte[] onnx = qonnx(manager, arch, quant, width, in, classes, seed);
    HardwareEstimate est =
        HardwareEstimator.estimate(
            arch,
            quant,
            hwIn,
            classes,
            DeviceCatalog.builtIn().get(device),
            5.0,
            FoldingGoal.ofTargetFps(targetFps),
            width,
            Stem.forInput(hwIn),
            SetFolding.DEFAULT_MVAU_WWIDTH_MAX,
            TrainedValues.of(OnnxReader.parse(onnx)));
    HwGraph g = redesign.apply(est.graph());
    HwReport report = Estimator.estimate(g, est.device().dspType(), est.clockNs());
    FinnBuildPackage.write(
        dir,
        g,
        est.device(),
        est.clockNs(),
        Optional.of(onnx),
        FinnConfigs.BuildOptions.estimatesOnly());
    report
        .reportFiles()
        .forEach(
            (name, text) -> {
              try {
                java.nio.file.Files.createDirectories(dir.resolve("nash-report"));
                java.nio.file.Files.writeString(dir.resolve("nash-report").resolve(name), text);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    return new Design(est, g, report);
  }

  /**
   * The QONNX export of {@code arch} with trained-looking BatchNorm statistics ({@link
   * ExportFixtures#network}), as the retraining stage writes {@code model.onnx}.
   */
  public static byte[] qonnx(
      NDManager manager,
      Architecture arch,
      QuantSpec quant,
      int width,
      ImageShape in,
      int classes,
      long seed) {
    try (NDManager sub = manager.newSubManager();
        ChildNetwork net = ExportFixtures.network(sub, arch, quant, width, in, seed, classes)) {
      return ChildExporter.toBytes(net, ExportFormat.QONNX);
    }
  }
}
