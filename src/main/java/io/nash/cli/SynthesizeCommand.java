package io.nash.cli;

import io.nash.config.Settings;
import io.nash.pipeline.SynthesisDriver;
import io.nash.space.Backbone;
import io.nash.space.ImageShape;
import io.nash.spark.SparkSessions;
import io.nash.spark.SparkSynthesisEngine;
import io.nash.store.CandidateResult;
import io.nash.store.Store;
import io.nash.synth.CandidateSelection;
import io.nash.synth.SynthesisSettings;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nash synthesize}: the hardware synthesis stage of one run, one Spark task per (candidate,
 * device), then a summary table. Reruns skip committed results.
 */
@Command(
    name = "synthesize",
    showDefaultValues = true,
    description =
        "Lower, fold and estimate the run's candidates (the non-dominated ones by default) on each"
            + " device, write the FINN build folder and reports under"
            + " runs/<id>/candidates/<cand>/hw/<device>/, and optionally run a real FINN build.")
final class SynthesizeCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Mixin StoreOptions store;

  @Option(names = "--run-id", required = true, description = "Run whose candidates to synthesize.")
  String runId;

  @Option(
      names = "--device",
      descriptionKey = "nash.hw.devices",
      description =
          "Devices, comma-separated: U250, ZCU104, ... (nash.hw.devices; see `nash devices`).")
  String devices;

  static final class Goal {
    @Option(names = "--target-fps", description = "Target frames/s for both foldings.")
    Double targetFps;

    @Option(names = "--fit-device", description = "Fastest design that fits (the default).")
    boolean fitDevice;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Goal goal;

  @Option(
      names = "--clock-ns",
      descriptionKey = "nash.hw.clock-ns",
      description = "Clock period in ns (nash.hw.clock-ns).")
  double clockNs;

  @Option(
      names = "--quant",
      descriptionKey = "nash.train.quant",
      description = "Quantization preset of the retrained networks (nash.train.quant).")
  String quant;

  @Option(names = "--input", defaultValue = "3x32x32", description = "Network input CxHxW.")
  String input;

  @Option(names = "--classes", defaultValue = "10", description = "Number of classes.")
  int classes;

  @Option(
      names = "--width",
      descriptionKey = "nash.train.width",
      description = "Width w of the retrained networks (nash.train.width).")
  int width;

  @Option(
      names = "--select",
      defaultValue = "front",
      description = "front (non-dominated by a quick estimate) or all.")
  String select;

  @Option(
      names = "--baseline",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Also synthesize the baseline of the run's backbone.")
  boolean baseline;

  @Option(
      names = "--finn",
      descriptionKey = "nash.hw.finn",
      description =
          "Real FINN builds: auto = with --finn-command if given, else with the FINN installation"
              + " the FINN_HOME environment variable names on the executors (a FINN checkout with"
              + " run-docker.sh, or FINN's Python: python, bin/python or venv/bin/python), else"
              + " estimates only; off = estimates only (nash.hw.finn).")
  String finn;

  @Option(
      names = "--finn-command",
      description =
          "FINN command template with {dir}, e.g. 'finn build_dataflow {dir}' (wins over"
              + " FINN_HOME).")
  String finnCommand;

  @Option(
      names = "--finn-timeout-s",
      descriptionKey = "nash.hw.finn-timeout-s",
      description = "Timeout of one FINN build, s (nash.hw.finn-timeout-s).")
  int finnTimeoutS;

  @Option(
      names = "--finn-outputs",
      descriptionKey = "nash.hw.finn-outputs",
      description =
          "FINN's generate_outputs, comma-separated (estimate_reports needs no Vivado; add"
              + " stitched_ip,bitfile,pynq_driver,deployment_package for the bitfile flow; nash.hw.finn-outputs).")
  String finnOutputs;

  @Option(
      names = "--master",
      descriptionKey = "nash.spark.master",
      description = "Spark master, spark-submit's wins (nash.spark.master).")
  String master;

  /**
   * The synthesis settings of the flags: each flag is a setting (validated by the schema, as in a
   * job file), the network shape comes from --input and --classes.
   */
  SynthesisSettings settings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(SynthesisSettings.DEVICES, devices);
    m.put(SynthesisSettings.CLOCK_NS, Double.toString(clockNs));
    m.put(
        SynthesisSettings.TARGET_FPS,
        goal != null && goal.targetFps != null ? Double.toString(goal.targetFps) : "0");
    m.put(SynthesisSettings.QUANT, quant);
    m.put(SynthesisSettings.WIDTH, Integer.toString(width));
    m.put(SynthesisSettings.FINN, finn);
    if (finnCommand != null) {
      m.put(SynthesisSettings.FINN_COMMAND, finnCommand);
    }
    m.put(SynthesisSettings.FINN_TIMEOUT_S, Integer.toString(finnTimeoutS));
    m.put(SynthesisSettings.FINN_OUTPUTS, finnOutputs);
    return SynthesisSettings.from(Settings.defaults().with(m), ImageShape.parse(input), classes);
  }

  @Override
  public Integer call() {
    if (goal != null && goal.targetFps != null && !(goal.targetFps > 0)) {
      throw new IllegalArgumentException("--target-fps = " + goal.targetFps + ": must be > 0");
    }
    SynthesisSettings s = settings();
    CandidateSelection.Mode mode = CandidateSelection.Mode.parse(select);
    String m = System.getProperty("spark.master", master);
    // No autograd in synthesis: one CPU per task, so an executor runs several at once.
    SparkSession spark =
        SparkSessions.create(m, "nash synthesize " + runId, Map.of("spark.task.cpus", "1"));
    try (Store st = store.open()) {
      long t0 = System.nanoTime();
      SynthesisDriver.Summary sum =
          new SynthesisDriver(st, new SparkSynthesisEngine(spark, st.spec()))
              .run(runId, s, mode, baseline, Backbone.fromName("resnet18"));
      print(System.out, sum);
      System.out.printf(
          Locale.ROOT,
          "synthesize %s: %d results (%d failed), %d launched, %d committed, %d already done, %d candidates left out (%.1f s)%n",
          runId,
          sum.lines().size(),
          sum.failed(),
          sum.launched(),
          sum.committed(),
          sum.skipped(),
          sum.left().size(),
          (System.nanoTime() - t0) / 1e9);
      sum.left().forEach((id, why) -> System.out.println("  left out " + id + ": " + why));
      return sum.failed() > 0 ? 1 : 0;
    } finally {
      spark.stop();
    }
  }

  /** The summary table: candidate, device, status, fps, latency, LUT, BRAM, DSP, utilisation. */
  static void print(PrintStream out, SynthesisDriver.Summary sum) {
    String fmt = "%-12s %-8s %-7s %-10s %12s %12s %10s %9s %7s %7s%n";
    out.printf(
        Locale.ROOT,
        fmt,
        "candidate",
        "device",
        "status",
        "source",
        "fps",
        "latency_ms",
        "LUT",
        "BRAM_18K",
        "DSP",
        "util%");
    for (SynthesisDriver.Line l : sum.lines()) {
      if (l.result().isEmpty()) {
        out.printf(
            Locale.ROOT, fmt, l.candidateId(), l.device(), "missing", "", "", "", "", "", "", "");
        continue;
      }
      CandidateResult r = l.result().get();
      if (!CandidateResult.OK.equals(r.status())) {
        out.printf(
            Locale.ROOT, fmt, l.candidateId(), l.device(), r.status(), "", "", "", "", "", "", "");
        out.println("    error: " + r.error());
        continue;
      }
      out.printf(
          Locale.ROOT,
          fmt,
          l.candidateId(),
          l.device(),
          r.status(),
          r.source(),
          String.format(Locale.ROOT, "%.1f", r.fps()),
          String.format(Locale.ROOT, "%.4f", r.latencyMs()),
          String.format(Locale.ROOT, "%.0f", r.lut()),
          String.format(Locale.ROOT, "%.0f", r.bram18k()),
          String.format(Locale.ROOT, "%.0f", r.dsp()),
          String.format(Locale.ROOT, "%.1f", 100 * l.utilisation()));
    }
  }
}
