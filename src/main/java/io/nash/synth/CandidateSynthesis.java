package io.nash.synth;

import io.nash.hw.Device;
import io.nash.hw.FinnBuildPackage;
import io.nash.hw.FinnConfigs;
import io.nash.hw.FinnRunner;
import io.nash.hw.HardwareEstimate;
import io.nash.hw.HardwareEstimator;
import io.nash.hw.HwGraph;
import io.nash.hw.HwReport;
import io.nash.hw.Stem;
import io.nash.space.Architecture;
import io.nash.space.SpaceJson;
import io.nash.store.CandidateResult;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.UnitCommitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Synthesizes one (candidate, device) and commits the result as one unit under {@code
 * runs/<run>/candidates/<cand>/hw/<device>/}: lower the architecture to FINN layers, fold it twice
 * and estimate both ({@link HardwareEstimator}: our resource-aware folding within the device
 * budget, and FINN's SetFolding at the target fps or the fastest SetFolding design that fits),
 * write the FINN build folder of the resource-aware design, and, when a FINN command is configured,
 * run the real build on a local temporary copy and record its reports. The result row (result.json)
 * carries the resource-aware estimate, or the FINN build's reports (source {@code finn-build}).
 * Engine-agnostic: called by the in-process stage and by the Spark task. Stateless; thread-safe
 * (each call owns its temporary folder).
 *
 * <p>Unit contents: {@code result.json}, {@code synthesis.json} (both foldings, budget,
 * utilisation), {@code report/*.json} (resource-aware estimate, FINN's file format), {@code
 * finn/*.json} (dataflow_build_config, folding_config, specialize_layers_config), {@code
 * setfolding/folding_config.json} and {@code setfolding/report/*.json}, and with a FINN build
 * {@code finn-build/report/*} and {@code finn-build/finn-runner.log}. A failing candidate commits a
 * unit with only result.json (status failed, the error message) and synthesis.json.
 */
public final class CandidateSynthesis {
  /** The model the FINN build reads, written by the export stage next to genotype.json. */
  public static final String MODEL_ONNX = "model.onnx";

  private CandidateSynthesis() {}

  /** Does the job unless its unit is already committed; never throws for a bad candidate. */
  public static SynthesisOutcome run(Store store, SynthesisSettings s, SynthesisJob job) {
    long t0 = System.nanoTime();
    if (UnitCommitter.isCommitted(store, job.unitDir())) {
      return new SynthesisOutcome(
          job.candidateId(), job.device(), SynthesisOutcome.Action.SKIPPED, "", 0);
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    CandidateResult row;
    try {
      row = synthesize(store, s, job, files);
    } catch (SynthesisInterrupted e) {
      throw e;
    } catch (RuntimeException | IOException e) {
      files.clear();
      row =
          CandidateResult.failed(
                  job.runId(),
                  job.candidateId(),
                  job.device(),
                  versionOf(job.architectureJson()),
                  describe(job.architectureJson()),
                  message(e))
              .withAccuracy(job.top1(), job.top5(), job.accuracySource());
      files.put("synthesis.json", Store.toJson(failureSummary(job, s, e)));
    }
    files.put(RunLayout.RESULT_JSON, Store.toJson(row));
    UnitCommitter.Outcome o = UnitCommitter.commit(store, job.unitDir(), files);
    return new SynthesisOutcome(
        job.candidateId(),
        job.device(),
        o == UnitCommitter.Outcome.COMMITTED
            ? SynthesisOutcome.Action.COMMITTED
            : SynthesisOutcome.Action.ALREADY_COMMITTED,
        row.status(),
        (System.nanoTime() - t0) / 1_000_000);
  }

  private static CandidateResult synthesize(
      Store store, SynthesisSettings s, SynthesisJob job, Map<String, byte[]> files)
      throws IOException {
    Device device = s.device(job.device());
    Architecture arch = SpaceJson.parseArchitecture(job.architectureJson());
    HardwareEstimate est =
        HardwareEstimator.estimate(
            arch,
            s.quant(),
            s.input(),
            s.classes(),
            device,
            s.clockNs(),
            s.goal(),
            s.width(),
            Stem.forInput(s.input()),
            s.mvauWwidthMax());
    HwReport ours = est.report();
    if (!est.fits()) {
      throw new IllegalStateException(
          "does not fit "
              + device.name()
              + " even fully folded: "
              + Summaries.resources(ours.total())
              + " > budget "
              + Summaries.resources(est.budget()));
    }
    FinnConfigs.BuildOptions options = FinnConfigs.BuildOptions.estimatesOnly();
    FinnBuildPackage.files(est.graph(), device, s.clockNs(), options)
        .forEach((k, v) -> files.put("finn/" + k, utf8(v)));
    ours.reportFiles().forEach((k, v) -> files.put("report/" + k, utf8(v)));
    files.put("setfolding/folding_config.json", utf8(est.setFoldingConfigJson()));
    est.setFolding().reportFiles().forEach((k, v) -> files.put("setfolding/report/" + k, utf8(v)));

    HwReport used = ours;
    String source = "estimate";
    Optional<FinnBuild> build = Optional.empty();
    if (s.finnCommand().isPresent()) {
      FinnBuild b = runFinn(store, s, job, est.graph(), device, options, files);
      build = Optional.of(b);
      used = b.report;
      source = "finn-build";
    }
    files.put(
        "synthesis.json", Store.toJson(Summaries.synthesis(job, s, est, build.map(b -> b.millis))));
    io.nash.hw.Resources t = used.total();
    return CandidateResult.ok(
            job.runId(),
            job.candidateId(),
            job.device(),
            arch.label(),
            arch.backbone().jsonName(),
            describe(arch),
            source,
            job.top1() == null ? Double.NaN : job.top1(),
            used.fps(),
            used.latencyNs() / 1e6,
            t.lut(),
            t.bram18(),
            t.uram(),
            t.dsp())
        .withAccuracy(job.top1(), job.top5(), job.accuracySource());
  }

  /** A finished FINN build: its reports and how long it took. */
  private record FinnBuild(HwReport report, long millis) {}

  /**
   * Runs FINN in a local temporary folder (FINN needs a POSIX folder, not an object store) and adds
   * its report files and log to the unit under {@code finn-build/}; the folder is deleted after.
   */
  private static FinnBuild runFinn(
      Store store,
      SynthesisSettings s,
      SynthesisJob job,
      HwGraph g,
      Device device,
      FinnConfigs.BuildOptions options,
      Map<String, byte[]> files)
      throws IOException {
    String modelPath = RunLayout.candidate(job.runId(), job.candidateId()) + "/" + MODEL_ONNX;
    byte[] onnx =
        store
            .get(modelPath)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "FINN build needs "
                            + modelPath
                            + " (the QONNX model written by the export stage); it is missing"));
    Path dir = Files.createTempDirectory("nash-finn-" + job.candidateId() + "-");
    try {
      FinnBuildPackage.write(dir, g, device, s.clockNs(), Optional.of(onnx), options);
      FinnRunner runner = new FinnRunner(s.finnCommand().orElseThrow(), s.finnTimeout());
      long t0 = System.nanoTime();
      HwReport r;
      try {
        r = runner.run(dir);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        // Not a property of the candidate: let the task fail so Spark retries it.
        throw new SynthesisInterrupted(job, e);
      } finally {
        Path log = dir.resolve("finn-runner.log");
        if (Files.isRegularFile(log)) {
          files.put("finn-build/finn-runner.log", Files.readAllBytes(log));
        }
      }
      for (Path rep : new Path[] {dir.resolve("output").resolve("report"), dir.resolve("report")}) {
        if (Files.isDirectory(rep)) {
          try (var walk = Files.walk(rep)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
              String rel = rep.relativize(p).toString().replace('\\', '/');
              files.put("finn-build/report/" + rel, Files.readAllBytes(p));
            }
          }
          break;
        }
      }
      return new FinnBuild(r, Duration.ofNanos(System.nanoTime() - t0).toMillis());
    } finally {
      deleteTree(dir);
    }
  }

  /** Thrown when the task is interrupted (Spark kills it): nothing is committed. */
  public static final class SynthesisInterrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SynthesisInterrupted(SynthesisJob job, InterruptedException cause) {
      super("synthesis of " + job.candidateId() + " on " + job.device() + " interrupted", cause);
    }
  }

  private static void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover temp folder wastes disk but corrupts nothing; the store unit is complete.
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String message(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + ": " + (m == null || m.isBlank() ? "(no message)" : m);
  }

  /** The version named in the JSON, even when the rest does not parse ("unknown" if none). */
  static String versionOf(String json) {
    try {
      return SpaceJson.parseArchitecture(json).label();
    } catch (RuntimeException e) {
      var m =
          java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]{1,32})\"").matcher(json);
      return m.find() ? m.group(1) : "unknown";
    }
  }

  static String describe(Architecture a) {
    return a.genotype().map(g -> g.compact()).orElse("baseline");
  }

  private static String describe(String json) {
    try {
      return describe(SpaceJson.parseArchitecture(json));
    } catch (RuntimeException e) {
      String oneLine = json.replaceAll("\\s+", "");
      return oneLine.length() > 500 ? oneLine.substring(0, 500) + "..." : oneLine;
    }
  }

  private static Map<String, Object> failureSummary(
      SynthesisJob job, SynthesisSettings s, Exception e) {
    Map<String, Object> m = Summaries.header(job, s);
    m.put("status", CandidateResult.FAILED);
    m.put("error", message(e));
    return m;
  }
}
