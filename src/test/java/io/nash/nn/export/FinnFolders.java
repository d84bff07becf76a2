package io.nash.nn.export;

import ai.djl.ndarray.NDManager;
import io.nash.hw.DeviceCatalog;
import io.nash.hw.FinnBuildPackage;
import io.nash.hw.FinnConfigs;
import io.nash.hw.FoldingGoal;
import io.nash.hw.HardwareEstimate;
import io.nash.hw.HardwareEstimator;
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

/**
 * FINN build folders as the synthesis stage writes them: a child network with trained-looking BN
 * statistics exported as QONNX, plus our lowering's configs for the same design, lowered with the
 * exported model's trained values.
 */
public final class FinnFolders {
  private FinnFolders() {}

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
    ImageShape hwIn = in;
    byte[] onnx;
    try (NDManager sub = manager.newSubManager();
        ChildNetwork net = ExportFixtures.network(sub, arch, quant, width, in, seed, classes)) {
      onnx = ChildExporter.toBytes(net, ExportFormat.QONNX);
    }
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
    FinnBuildPackage.write(
        dir,
        est.graph(),
        est.device(),
        est.clockNs(),
        Optional.of(onnx),
        FinnConfigs.BuildOptions.estimatesOnly());
    est.report()
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
    return est;
  }
}
