package io.nash.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.pipeline.SynthesisDriver;
import io.nash.space.Backbone;
import io.nash.space.PublishedGenotypes;
import io.nash.space.SpaceJson;
import io.nash.store.CandidateResult;
import io.nash.store.CommittedDir;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import io.nash.store.UnitCommitter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure paths of a FINN build, with stand-in shell scripts for FINN (a non-zero exit, a
 * timeout, missing reports, a bad FINN_HOME): each is a failed row whose error ends with the tail
 * of FINN's log, its unit keeps the logs, and the other candidates go on. The success path needs a
 * real FINN and is tested elsewhere; no stand-in here writes a complete report set.
 */
class FinnBuildSynthesisTest {
  @TempDir Path tmp;

  /** FINN's console says little; its traceback is in output/build_dataflow.log. Exit 1. */
  static final String FAILING_FINN =
      """
      #!/bin/sh
      d="$1"
      test -f "$d/model.onnx" || exit 9
      test -f "$d/dataflow_build_config.json" || exit 9
      mkdir -p "$d/output"
      echo "Running step: step_qonnx_to_finn [1/9]"
      echo "Build failed"
      {
        i=1
        while [ $i -le 30 ]; do echo "step output line $i"; i=$((i+1)); done
        echo "Traceback (most recent call last):"
        echo "AssertionError: cycle-free graph violated: partition contains cycle"
      } > "$d/output/build_dataflow.log"
      exit 1
      """;

  private SynthesisSettings settings(String devices, String finnCommand, String timeoutS) {
    Map<String, String> conf = SynthesisFixtures.settings(devices);
    conf.put(SynthesisSettings.FINN, "auto");
    conf.put(SynthesisSettings.TARGET_FPS, "2000");
    if (finnCommand != null) {
      conf.put(SynthesisSettings.FINN_COMMAND, finnCommand);
    }
    conf.put(SynthesisSettings.FINN_TIMEOUT_S, timeoutS);
    return SynthesisSettings.of(conf);
  }

  private static byte[] model;

  /** c0's model.onnx: the export of a V1 network of the settings' shape (one per class). */
  private byte[] v1Model() {
    if (model == null) {
      model =
          SynthesisFixtures.exportedModel(
              io.nash.space.Architecture.of(PublishedGenotypes.V1), settings("U250", null, "60"));
    }
    return model;
  }

  private static SynthesisJob job(String cand, String device) {
    return new SynthesisJob(
        "r1",
        cand,
        SpaceJson.genotypeJson(PublishedGenotypes.V1),
        device,
        0.8,
        null,
        RunCandidates.ONE_SHOT);
  }

  private static CandidateResult row(Store st, SynthesisJob job) {
    return UnitCommitter.open(st, job.unitDir())
        .orElseThrow()
        .readJson("result.json", CandidateResult.class)
        .orElseThrow();
  }

  private static String text(CommittedDir unit, String name) {
    return new String(unit.read(name).orElseThrow(), StandardCharsets.UTF_8);
  }

  @Test
  void aFailingBuildIsAFailedRowWithTheBuildLogTailAndTheOthersGoOn() throws Exception {
    Path script = tmp.resolve("failing-finn.sh");
    Files.writeString(script, FAILING_FINN);
    StoreSpec spec = new StoreSpec(tmp.resolve("store").toUri().toString(), Map.of());
    SynthesisSettings s = settings("ZCU104", "sh " + script + " {dir}", "60");
    try (Store st = spec.open()) {
      SynthesisFixtures.writeRun(st, "r1");
      // Only c0 has the exported model the FINN build reads.
      st.put(RunLayout.candidate("r1", "c0") + "/model.onnx", v1Model());
      SynthesisDriver.Summary sum =
          new SynthesisDriver(st, new LocalSynthesisEngine(spec))
              .run("r1", s, CandidateSelection.Mode.ALL, false, Backbone.fromName("resnet18"));
      assertEquals(3, sum.committed());
      assertEquals(3, sum.failed());

      CandidateResult c0 = result(sum, "c0");
      assertEquals(CandidateResult.FAILED, c0.status());
      assertTrue(c0.error().contains("failed with exit code 1"), c0.error());
      // The runner log has 2 lines (< 20), so the tail is build_dataflow.log's last 20 lines:
      // "step output line 13" .. "30", the traceback's two lines.
      assertTrue(c0.error().contains("tail of output/build_dataflow.log:\n"), c0.error());
      String tail = c0.error().substring(c0.error().indexOf("build_dataflow.log:\n") + 20);
      assertEquals(20, tail.split("\n").length, tail);
      assertTrue(tail.startsWith("step output line 13\n"), tail);
      assertTrue(
          tail.endsWith("AssertionError: cycle-free graph violated: partition contains cycle"),
          tail);
      assertFalse(tail.contains("step output line 12\n"), tail);
      // The unit keeps both logs in full, next to result.json and synthesis.json.
      CommittedDir unit = UnitCommitter.open(st, RunLayout.hw("r1", "c0", "ZCU104")).orElseThrow();
      assertEquals(
          Set.of(
              "result.json",
              "synthesis.json",
              "finn-build/finn-runner.log",
              "finn-build/build_dataflow.log"),
          unit.names());
      assertEquals(
          "Running step: step_qonnx_to_finn [1/9]\nBuild failed\n",
          text(unit, "finn-build/finn-runner.log"));
      assertTrue(text(unit, "finn-build/build_dataflow.log").startsWith("step output line 1\n"));

      // The others went on, each failing for its own reason.
      CandidateResult c1 = result(sum, "c1");
      assertEquals(CandidateResult.FAILED, c1.status());
      assertTrue(c1.error().contains("model.onnx"), c1.error());
      CandidateResult c2 = result(sum, "c2");
      assertEquals(CandidateResult.FAILED, c2.status());
      assertTrue(c2.error().contains("conv_9x9"), c2.error());
    }
  }

  @Test
  void aNonZeroExitWithALongConsoleLogShowsItsLastTwentyLines() throws Exception {
    Path script = tmp.resolve("broken-finn.sh");
    Files.writeString(
        script,
        "#!/bin/sh\ni=1\nwhile [ $i -le 25 ]; do echo \"console $i\"; i=$((i+1)); done\n"
            + "echo 'vivado: out of licenses'\nexit 3\n");
    StoreSpec spec = new StoreSpec(tmp.resolve("store2").toUri().toString(), Map.of());
    try (Store st = spec.open()) {
      SynthesisJob job = job("c0", "U250");
      st.put(RunLayout.candidate("r1", "c0") + "/model.onnx", v1Model());
      SynthesisOutcome o =
          CandidateSynthesis.run(st, settings("U250", "sh " + script + " {dir}", "60"), job);
      assertEquals(SynthesisOutcome.Action.COMMITTED, o.action());
      assertEquals(CandidateResult.FAILED, o.status());
      CandidateResult r = row(st, job);
      assertTrue(r.error().contains("exit code 3"), r.error());
      String tail = r.error().substring(r.error().indexOf("tail of finn-runner.log:\n") + 25);
      // 26 lines written, the last 20: "console 7" .. "console 25", the licence line.
      assertEquals(20, tail.split("\n").length, tail);
      assertTrue(tail.startsWith("console 7\n"), tail);
      assertTrue(tail.endsWith("vivado: out of licenses"), tail);
    }
  }

  @Test
  void aTimedOutBuildIsAFailedRowWithTheLogTail() throws Exception {
    Path script = tmp.resolve("slow-finn.sh");
    Files.writeString(script, "#!/bin/sh\necho 'starting step_hw_ipgen'\nsleep 60\n");
    StoreSpec spec = new StoreSpec(tmp.resolve("store3").toUri().toString(), Map.of());
    try (Store st = spec.open()) {
      SynthesisJob job = job("c0", "U250");
      st.put(RunLayout.candidate("r1", "c0") + "/model.onnx", v1Model());
      long t0 = System.nanoTime();
      CandidateSynthesis.run(st, settings("U250", "sh " + script + " {dir}", "1"), job);
      assertTrue((System.nanoTime() - t0) / 1e9 < 30, "the build was killed after its timeout");
      CandidateResult r = row(st, job);
      assertEquals(CandidateResult.FAILED, r.status());
      assertTrue(r.error().contains("timed out after PT1S"), r.error());
      assertTrue(r.error().endsWith("tail of finn-runner.log:\nstarting step_hw_ipgen"), r.error());
    }
  }

  @Test
  void aBuildWithoutAllReportsIsAFailedRow() throws Exception {
    // exit 0, but of the four reports only the performance one is written
    Path script = tmp.resolve("partial-finn.sh");
    Files.writeString(
        script,
        """
        #!/bin/sh
        mkdir -p "$1/output/report"
        echo '{"critical_path_cycles": 4000}' > "$1/output/report/estimate_network_performance.json"
        echo "step_generate_estimate_reports skipped"
        """);
    Path none = tmp.resolve("silent-finn.sh");
    Files.writeString(none, "#!/bin/sh\necho 'nothing to do'\n");
    StoreSpec spec = new StoreSpec(tmp.resolve("store4").toUri().toString(), Map.of());
    try (Store st = spec.open()) {
      st.put(RunLayout.candidate("r1", "c0") + "/model.onnx", v1Model());
      SynthesisJob partial = job("c0", "U250");
      CandidateSynthesis.run(st, settings("U250", "sh " + script + " {dir}", "60"), partial);
      CandidateResult r = row(st, partial);
      assertEquals(CandidateResult.FAILED, r.status());
      assertTrue(r.error().contains("estimate_layer_cycles.json is missing"), r.error());
      assertTrue(
          r.error().endsWith("tail of finn-runner.log:\nstep_generate_estimate_reports skipped"),
          r.error());

      SynthesisJob silent = job("c0", "ZCU104");
      CandidateSynthesis.run(st, settings("ZCU104", "sh " + none + " {dir}", "60"), silent);
      CandidateResult r2 = row(st, silent);
      assertEquals(CandidateResult.FAILED, r2.status());
      assertTrue(r2.error().contains("wrote no output/report folder"), r2.error());
      assertTrue(r2.error().endsWith("tail of finn-runner.log:\nnothing to do"), r2.error());
    }
  }

  @Test
  void finnHomeIsReadFromTheEnvironmentAndItsPythonRunsBuildPyInTheFolder() throws Exception {
    // A FINN_HOME whose python records its arguments and working directory, then fails.
    Path home = Files.createDirectories(tmp.resolve("finn-home"));
    Path python = home.resolve("python");
    Files.writeString(
        python,
        "#!/bin/sh\necho \"args: $*\"\necho \"cwd: $(pwd)\"\n"
            + "test -f build.py && echo 'build.py present'\n"
            + "echo \"FINN_BUILD_DIR: $FINN_BUILD_DIR\"\nexit 2\n");
    assertTrue(python.toFile().setExecutable(true));
    StoreSpec spec = new StoreSpec(tmp.resolve("store5").toUri().toString(), Map.of());
    try (Store st = spec.open()) {
      st.put(RunLayout.candidate("r1", "c0") + "/model.onnx", v1Model());
      SynthesisJob job = job("c0", "U250");
      Map<String, String> env = Map.of("FINN_HOME", home.toString());
      CandidateSynthesis.run(st, settings("U250", null, "60"), job, env);
      CandidateResult r = row(st, job);
      assertEquals(CandidateResult.FAILED, r.status());
      assertTrue(r.error().contains("failed with exit code 2"), r.error());
      String log =
          text(UnitCommitter.open(st, job.unitDir()).orElseThrow(), "finn-build/finn-runner.log");
      String[] lines = log.split("\n");
      assertEquals("args: build.py", lines[0], log);
      assertTrue(lines[1].startsWith("cwd: ") && lines[1].contains("nash-finn-c0-"), log);
      assertEquals("build.py present", lines[2], log);
      assertEquals("FINN_BUILD_DIR: " + lines[1].substring(5) + "/finn-tmp", lines[3], log);

      // A FINN_HOME without FINN: a failed row with one line naming it.
      Path empty = Files.createDirectories(tmp.resolve("empty-home"));
      SynthesisJob bad = job("c0", "ZCU104");
      CandidateSynthesis.run(
          st, settings("ZCU104", null, "60"), bad, Map.of("FINN_HOME", empty.toString()));
      CandidateResult rb = row(st, bad);
      assertEquals(CandidateResult.FAILED, rb.status());
      assertEquals(
          "IllegalArgumentException: FINN_HOME = '"
              + empty
              + "': holds neither run-docker.sh (a FINN checkout, FINN's Docker flow) nor an"
              + " executable python, bin/python or venv/bin/python (FINN's Python)",
          rb.error());

      // nash.hw.finn = off: estimates only, whatever FINN_HOME says.
      SynthesisJob off = job("c1", "U250");
      Map<String, String> conf = SynthesisFixtures.settings("U250");
      conf.put(SynthesisSettings.TARGET_FPS, "2000");
      CandidateSynthesis.run(st, SynthesisSettings.of(conf), off, env);
      CandidateResult ro = row(st, off);
      assertEquals(CandidateResult.OK, ro.status(), ro.error());
      assertEquals(CandidateResult.SOURCE_ESTIMATE, ro.source());
      assertEquals(null, ro.finnBram18k());
    }
  }

  private static CandidateResult result(SynthesisDriver.Summary sum, String cand) {
    return sum.lines().stream()
        .filter(l -> l.candidateId().equals(cand))
        .findFirst()
        .orElseThrow()
        .result()
        .orElseThrow();
  }
}
