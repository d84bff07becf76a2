package io.nash.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nash estimate}: FINN cost estimate of one architecture on one device, writing FINN's
 * report files and a FINN build folder (no Spark).
 */
@Command(
    name = "estimate",
    showDefaultValues = true,
    description =
        "Lower a genotype (or the baseline) to FINN layers, fold it for a target fps or to fit a"
            + " device, and write FINN's estimate reports and build configuration.")
final class HwEstimateCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Option(
      names = "--genotype",
      defaultValue = "v1",
      description = "v1|v2|v3|v4|baseline|FILE (genotype JSON).")
  String genotype;

  @Option(
      names = "--backbone",
      descriptionKey = "nash.search.backbone",
      description = "resnet18|resnet34, for the baseline (nash.search.backbone).")
  String backbone;

  @Option(names = "--input", defaultValue = "3x224x224", description = "Input shape CxHxW.")
  String input;

  @Option(names = "--classes", defaultValue = "1000", description = "Number of classes.")
  int classes;

  @Option(
      names = "--quant",
      descriptionKey = "nash.train.quant",
      description = "Bit-width preset: nash-paper|baseline-paper (nash.train.quant).")
  String quant;

  @Option(
      names = "--device",
      defaultValue = "U250",
      description = "Device name (see `nash devices`) or one defined in --device-file.")
  String device;

  @Option(names = "--device-file", description = "JSON file with extra devices.")
  Path deviceFile;

  @Option(names = "--clock-ns", description = "Clock period in ns; default: the device's.")
  Double clockNs;

  @Option(names = "--target-fps", description = "Fold with FINN's SetFolding for this frame rate.")
  Double targetFps;

  @Option(
      names = "--fit-device",
      description =
          "Fastest resource-aware folding that fits the device (default when no --target-fps).")
  boolean fitDevice;

  @Option(names = "--out", defaultValue = "nash-estimate", description = "Output folder.")
  Path out;

  @Option(
      names = "--curve",
      description =
          "Print the fps-vs-resources curve (SetFolding's point to the best resource-aware design)"
              + " on every catalog device, as a table and JSON lines; writes no files.")
  boolean curve;

  @Override
  public Integer call() {
    if (targetFps != null && fitDevice) {
      throw new IllegalArgumentException("--target-fps and --fit-device: choose one");
    }
    if (curve && targetFps != null) {
      throw new IllegalArgumentException("--curve folds to fit each device: drop --target-fps");
    }
    boolean fit = fitDevice || targetFps == null;
    EstimateJob.Request request =
        new EstimateJob.Request(
            genotype,
            backbone,
            input,
            classes,
            quant,
            device,
            deviceFile,
            clockNs,
            targetFps,
            fit,
            out);
    if (curve) {
      System.out.print(EstimateJob.curve(request));
      return 0;
    }
    System.out.println(EstimateJob.run(request));
    System.out.println("FINN files: " + out.toAbsolutePath());
    return 0;
  }
}
