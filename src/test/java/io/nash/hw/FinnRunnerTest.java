package io.nash.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link FinnRunner#locate} finds FINN (detection only: the files are placeholders that never
 * run), its error messages, and the log tail and pdb checks of a failed build.
 */
class FinnRunnerTest {
  @TempDir Path tmp;

  static final Duration T = Duration.ofMinutes(5);

  private static Path file(Path p, boolean executable) throws Exception {
    Files.createDirectories(p.getParent());
    Files.writeString(p, "#!/bin/sh\nexit 99\n");
    assertTrue(p.toFile().setExecutable(executable));
    return p;
  }

  private static Optional<FinnRunner> locate(String template, Path home) {
    return FinnRunner.locate(
        Optional.ofNullable(template),
        home == null ? Map.of() : Map.of("FINN_HOME", home.toString()),
        T);
  }

  @Test
  void anExplicitTemplateWinsOverFinnHome() throws Exception {
    Path home = tmp.resolve("finn");
    file(home.resolve("run-docker.sh"), true);
    FinnRunner r = locate("finn  build_dataflow {dir}", home).orElseThrow();
    assertEquals(FinnRunner.Kind.TEMPLATE, r.kind());
    Path dir = tmp.resolve("build");
    assertEquals(
        List.of("finn", "build_dataflow", dir.toAbsolutePath().toString()), r.command(dir));
    assertEquals(T, r.timeout());
  }

  @Test
  void aFinnCheckoutRunsRunDockerBuildCustom() throws Exception {
    Path home = tmp.resolve("finn");
    Path docker = file(home.resolve("run-docker.sh"), true);
    // run-docker.sh wins over a python next to it
    file(home.resolve("python"), true);
    FinnRunner r = locate(null, home).orElseThrow();
    assertEquals(FinnRunner.Kind.DOCKER, r.kind());
    Path dir = tmp.resolve("build");
    assertEquals(
        List.of(docker.toString(), "build_custom", dir.toAbsolutePath().toString()),
        r.command(dir));
    assertEquals(
        List.of("model.onnx", "dataflow_build_config.json", "build.py"), r.requiredFiles());
  }

  @Test
  void finnsPythonRunsBuildPyWithoutTheFolderInTheCommand() throws Exception {
    Path home = tmp.resolve("toolbox");
    Path python = file(home.resolve("python"), true);
    FinnRunner r = locate(null, home).orElseThrow();
    assertEquals(FinnRunner.Kind.PYTHON, r.kind());
    assertEquals(List.of(python.toString(), "build.py"), r.command(tmp.resolve("build")));
    assertEquals(List.of(python.toString(), "build.py"), r.template());
  }

  @Test
  void pythonsAreTriedInOrderAndMustBeExecutable() throws Exception {
    Path home = tmp.resolve("env");
    file(home.resolve("python"), false); // not executable: skipped
    Path venv = file(home.resolve("venv/bin/python"), true);
    assertEquals(List.of(venv.toString(), "build.py"), locate(null, home).orElseThrow().template());
    Path bin = file(home.resolve("bin/python"), true);
    assertEquals(List.of(bin.toString(), "build.py"), locate(null, home).orElseThrow().template());
  }

  @Test
  void aRelativeFinnHomeIsMadeAbsolute() throws Exception {
    Path rel = Path.of("target", "finn-runner-test-" + System.nanoTime());
    try {
      Path python = file(rel.resolve("bin/python"), true);
      assertEquals(
          python.toAbsolutePath().toString(), locate(null, rel).orElseThrow().template().get(0));
    } finally {
      Files.deleteIfExists(rel.resolve("bin/python"));
      Files.deleteIfExists(rel.resolve("bin"));
      Files.deleteIfExists(rel);
    }
  }

  @Test
  void neitherTemplateNorFinnHomeMeansNoFinn() {
    assertTrue(locate(null, null).isEmpty());
    assertTrue(FinnRunner.locate(Optional.of("  "), Map.of("FINN_HOME", " "), T).isEmpty());
  }

  @Test
  void badInputFailsWithOneLineNamingTheValue() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    file(empty.resolve("bin/python3"), true); // not a name looked for
    assertEquals(
        "FINN_HOME = '"
            + empty
            + "': holds neither run-docker.sh (a FINN checkout, FINN's Docker flow) nor an"
            + " executable python, bin/python or venv/bin/python (FINN's Python)",
        assertThrows(IllegalArgumentException.class, () -> locate(null, empty)).getMessage());
    Path missing = tmp.resolve("no-such");
    assertEquals(
        "FINN_HOME = '"
            + missing
            + "': no such folder; it must be a FINN checkout (with run-docker.sh) or hold FINN's"
            + " Python (an executable python, bin/python or venv/bin/python)",
        assertThrows(IllegalArgumentException.class, () -> locate(null, missing)).getMessage());
    assertEquals(
        "finn command = 'finn build': must contain {dir}, e.g. 'finn build_dataflow {dir}'",
        assertThrows(IllegalArgumentException.class, () -> locate("finn build", null))
            .getMessage());
    assertEquals(
        "finn timeout = PT0S: must be > 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> FinnRunner.locate(Optional.of("x {dir}"), Map.of(), Duration.ZERO))
            .getMessage());
  }

  @Test
  void theLogTailPrefersBuildDataflowLogWhenTheRunnerLogIsShort() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("b"));
    assertEquals("finn-runner.log is empty", FinnRunner.logTail(dir));
    // colour codes (run-docker.sh's gecho) are removed
    Files.writeString(
        dir.resolve("finn-runner.log"), "\u001B[0;32mRunning build_custom\u001B[0m\n");
    assertEquals("tail of finn-runner.log:\nRunning build_custom", FinnRunner.logTail(dir));
    Files.createDirectories(dir.resolve("output"));
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= 23; i++) {
      b.append("build line ").append(i).append('\n');
    }
    Files.writeString(dir.resolve("output/build_dataflow.log"), b);
    String t = FinnRunner.logTail(dir);
    assertTrue(t.startsWith("tail of output/build_dataflow.log:\nbuild line 4\n"), t);
    assertTrue(t.endsWith("\nbuild line 23"), t);
    assertEquals(21, t.split("\n").length);
    // a runner log of 20 lines or more is the tail itself
    StringBuilder r = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      r.append("console ").append(i).append('\n');
    }
    Files.writeString(dir.resolve("finn-runner.log"), r);
    t = FinnRunner.logTail(dir);
    assertTrue(t.startsWith("tail of finn-runner.log:\nconsole 1\n"), t);
    assertTrue(t.endsWith("\nconsole 20"), t);
  }

  @Test
  void pdbsLinesTellAFailedBuildCustomFromAGoodOne() {
    assertEquals(
        Optional.of("build.py exited with status -1"),
        FinnRunner.pdbFailure(
            List.of("Build failed", "The program exited via sys.exit(). Exit status: -1")));
    assertEquals(
        Optional.of(
            "build.py raised an exception (pdb: 'Uncaught exception. Entering post mortem"
                + " debugging')"),
        FinnRunner.pdbFailure(
            List.of("Traceback ...", "Uncaught exception. Entering post mortem debugging")));
    assertTrue(
        FinnRunner.pdbFailure(List.of("The program exited via sys.exit(). Exit status: 0"))
            .isEmpty());
    assertTrue(
        FinnRunner.pdbFailure(List.of("The program finished and will be restarted")).isEmpty());
  }
}
