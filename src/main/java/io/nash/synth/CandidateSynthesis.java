package io.nash.synth;

import io.nash.hw.Device;
import io.nash.hw.FinnBuildPackage;
import io.nash.hw.FinnComparison;
import io.nash.hw.FinnConfigs;
import io.nash.hw.FinnRunner;
import io.nash.hw.HardwareEstimate;
import io.nash.hw.HardwareEstimator;
import io.nash.hw.HwGraph;
import io.nash.hw.HwReport;
import io.nash.hw.Stem;
import io.nash.hw.TrainedValues;
import io.nash.hw.onnx.OnnxReader;
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
 * write the FINN build folder of the resource-aware design, and, when FINN is available, run the
 * real build on a local temporary copy and record its reports. FINN is available ({@link
 * FinnRunner#locate}) when {@code nash.hw.finn} is not {@code off} and either {@code
 * nash.hw.finn-command} is set or the environment variable {@code FINN_HOME} of the process running
 * this task (the executor) names a FINN installation; a FINN_HOME without FINN in it fails the
 * candidate with one line saying what was looked for. Engine-agnostic: called by the in-process
 * stage and by the Spark task. Stateless; thread-safe (each call owns its temporary folder).
 *
 * <p>Widths FINN derives from data (an MVAU's weight and accumulator types, the threshold types
 * behind batch norms) come from the candidate's {@code model.onnx} when the export stage wrote one
 * ({@link io.nash.hw.TrainedValues}), and are the worst case otherwise; {@code synthesis.json}
 * records which ({@code "widths": "trained"} or {@code "worst-case"}).
 *
 * <p>The result row (result.json) carries the resource-aware estimate (source {@code estimate}),
 * or, with a FINN build, FINN's figures (source {@code finn}): fps, latency, LUT, URAM and DSP from
 * FINN's reports, and as BRAM_18K FINN's total plus the Thresholding_rtl BRAM that FINN v0.10.1
 * reports as 0 (its get_memory_estimate files the count under "BRAM18" while bram_estimation reads
 * "BRAM"), i.e. the physically right count, which is ours when everything else agrees. Decision:
 * the front compares designs by what they physically use, and only FINN's BRAM of that layer type
 * is known to be wrong. FINN's own BRAM total ({@code finnBRAM_18K}) and our estimate of the same
 * design ({@code estimate*}) are in the row too, for the report's side by side; the per-layer
 * comparison is {@code finn-build/comparison.json} ({@link FinnComparison}).
 *
 * <p>Unit contents: {@code result.json}, {@code synthesis.json} (both foldings, budget,
 * utilisation, and with a FINN build its summary under {@code "finn"}), {@code report/*.json}
 * (resource-aware estimate, FINN's file format), {@code finn/*} (the build folder's files but the
 * model: dataflow_build_config, folding_config, specialize_layers_config, ...), {@code
 * setfolding/folding_config.json} and {@code setfolding/report/*.json}, and with a FINN build
 * {@code finn-build/report/*} (FINN's reports), {@code finn-build/comparison.json}, {@code
 * finn-build/finn-runner.log} (the command's output) and {@code finn-build/build_dataflow.log}
 * (FINN's {@code output/build_dataflow.log}, if written). A failing candidate commits a unit with
 * only result.json (status failed, the error message; for a failed FINN build it ends with the tail
 * of FINN's log, see {@link FinnRunner#logTail}), synthesis.json and the FINN logs, if a build ran.
 */
public final class CandidateSynthesis {
  /** The unit's folder of a FINN build's reports, logs and comparison. */
  public static final String FINN_BUILD = "finn-build";

  private CandidateSynthesis() {}

  /**
   * Does the job unless its unit is already committed; never throws for a bad candidate. FINN_HOME
   * is read from this process' environment.
   */
  public static SynthesisOutcome run(Store store, SynthesisSettings s, SynthesisJob job) {
    return run(store, s, job, System.getenv());
  }

  /** {@link #run(Store, SynthesisSettings, SynthesisJob)} with the given environment. */
  static SynthesisOutcome run(
      Store store, SynthesisSettings s, SynthesisJob job, Map<String, String> env) {
    long t0 = System.nanoTime();
    if (UnitCommitter.isCommitted(store, job.unitDir())) {
      return new SynthesisOutcome(
          job.candidateId(), job.device(), SynthesisOutcome.Action.SKIPPED, "", 0);
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    CandidateResult row;
    try {
      row = synthesize(store, s, job, env, files);
    } catch (SynthesisInterrupted e) {
      throw e;
    } catch (RuntimeException | IOException e) {
      // keep FINN's logs of a failed build: the row's error has only their tail
      files.keySet().removeIf(k -> !(k.startsWith(FINN_BUILD + "/") && k.endsWith(".log")));
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
      Store store,
      SynthesisSettings s,
      SynthesisJob job,
      Map<String, String> env,
      Map<String, byte[]> files)
      throws IOException {
    Device device = s.device(job.device());
    Architecture arch = SpaceJson.parseArchitecture(job.architectureJson());
    // before the estimate: a FINN_HOME without FINN fails fast, with one line
    Optional<FinnRunner> finn =
        s.finnAllowed()
            ? FinnRunner.locate(s.finnCommand(), env, s.finnTimeout())
            : Optional.empty();
    // the trained model, when the export stage wrote one, decides the data-dependent widths
    String modelPath = RunLayout.model(job.runId(), job.candidateId());
    Optional<byte[]> onnx = store.get(modelPath);
    TrainedValues values =
        onnx.map(b -> TrainedValues.of(OnnxReader.parse(b))).orElse(TrainedValues.NONE);
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
            s.mvauWwidthMax(),
            values);
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
    FinnConfigs.BuildOptions options = s.finnOptions();
    FinnBuildPackage.files(est.graph(), device, s.clockNs(), options)
        .forEach((k, v) -> files.put("finn/" + k, utf8(v)));
    ours.reportFiles().forEach((k, v) -> files.put("report/" + k, utf8(v)));
    files.put("setfolding/folding_config.json", utf8(est.setFoldingConfigJson()));
    est.setFolding().reportFiles().forEach((k, v) -> files.put("setfolding/report/" + k, utf8(v)));

    if (finn.isEmpty()) {
      files.put(
          "synthesis.json",
          Store.toJson(Summaries.synthesis(job, s, est, !values.isEmpty(), Optional.empty())));
      return row(job, arch, CandidateResult.SOURCE_ESTIMATE, ours, ours.total().bram18());
    }
    byte[] model =
        onnx.orElseThrow(
            () ->
                new IllegalStateException(
                    "FINN build needs "
                        + modelPath
                        + " (the QONNX model written by the export stage); it is missing"));
    FinnBuild b = runFinn(job, finn.get(), model, est.graph(), device, s.clockNs(), options, files);
    FinnComparison cmp = FinnComparison.compare(ours, b.report);
    files.put(FINN_BUILD + "/comparison.json", Store.toJson(cmp.toMap()));
    files.put(
        "synthesis.json",
        Store.toJson(
            Summaries.synthesis(
                job,
                s,
                est,
                true,
                Optional.of(
                    Summaries.finn(
                        finn.get().kind().name().toLowerCase(java.util.Locale.ROOT),
                        b.report,
                        cmp,
                        b.millis)))));
    return finnRow(job, arch, ours, b.report, cmp);
  }

  /** An ok row with the figures of {@code r} (BRAM_18K as given) and the job's accuracy. */
  private static CandidateResult row(
      SynthesisJob job, Architecture arch, String source, HwReport r, double bram18k) {
    io.nash.hw.Resources t = r.total();
    return CandidateResult.ok(
            job.runId(),
            job.candidateId(),
            job.device(),
            arch.label(),
            arch.backbone().jsonName(),
            describe(arch),
            source,
            job.top1() == null ? Double.NaN : job.top1(),
            r.fps(),
            r.latencyNs() / 1e6,
            t.lut(),
            bram18k,
            t.uram(),
            t.dsp())
        .withAccuracy(job.top1(), job.top5(), job.accuracySource());
  }

  /**
   * The row of a FINN build: FINN's fps, latency, LUT, URAM and DSP, as BRAM_18K FINN's total plus
   * the Thresholding_rtl BRAM it leaves out ({@link FinnComparison#rowBram18k()}), FINN's own BRAM
   * total and our estimate of the same design.
   */
  static CandidateResult finnRow(
      SynthesisJob job, Architecture arch, HwReport ours, HwReport finn, FinnComparison cmp) {
    io.nash.hw.Resources o = ours.total();
    return row(job, arch, CandidateResult.SOURCE_FINN, finn, cmp.rowBram18k())
        .withFinnBuild(
            cmp.finnBram18k(),
            new CandidateResult.Figures(
                ours.fps(), ours.latencyNs() / 1e6, o.lut(), o.bram18(), o.uram(), o.dsp()));
  }

  /** A finished FINN build: its reports and how long it took. */
  private record FinnBuild(HwReport report, long millis) {}

  /**
   * Runs FINN in a local temporary folder (FINN needs a POSIX folder, not an object store) and adds
   * its report files and logs to the unit under {@code finn-build/} (the logs also when the build
   * fails); the folder is deleted after.
   */
  private static FinnBuild runFinn(
      SynthesisJob job,
      FinnRunner runner,
      byte[] onnx,
      HwGraph g,
      Device device,
      double clockNs,
      FinnConfigs.BuildOptions options,
      Map<String, byte[]> files)
      throws IOException {
    Path dir = Files.createTempDirectory("nash-finn-" + job.candidateId() + "-");
    try {
      FinnBuildPackage.write(dir, g, device, clockNs, Optional.of(onnx), options);
      long t0 = System.nanoTime();
      HwReport r;
      try {
        r = runner.run(dir);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        // Not a property of the candidate: let the task fail so Spark retries it.
        throw new SynthesisInterrupted(job, e);
      } finally {
        for (String log : new String[] {FinnRunner.RUNNER_LOG, FinnRunner.BUILD_LOG}) {
          Path f = dir.resolve(log);
          if (Files.isRegularFile(f)) {
            files.put(FINN_BUILD + "/" + f.getFileName(), Files.readAllBytes(f));
          }
        }
      }
      for (Path rep : new Path[] {dir.resolve("output").resolve("report"), dir.resolve("report")}) {
        if (Files.isDirectory(rep)) {
          try (var walk = Files.walk(rep)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
              String rel = rep.relativize(p).toString().replace('\\', '/');
              files.put(FINN_BUILD + "/report/" + rel, Files.readAllBytes(p));
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
