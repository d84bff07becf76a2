package io.nash.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nash.pipeline.PipelineEndToEndTest;
import io.nash.search.engine.SearchState;
import io.nash.store.CandidateAccuracy;
import io.nash.store.CommittedDir;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import io.nash.store.UnitCommitter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Driver loss: {@code nash run} on the tiny pipeline configuration as a separate process, killed
 * with SIGKILL during the search (after a checkpoint, before alpha.json), again during retraining
 * (after the first retrained accuracy, before the last) and again during synthesis (after the first
 * committed hardware unit, before hw-units.txt), with {@code --resume} after each kill. After every
 * kill each unit the store lists is either committed with every file intact or absent, and each
 * single-object commit point parses; the final alpha, candidates table (without timings), front and
 * report equal those of an uninterrupted run. Slow: five {@code nash} processes, about 4 min on 2
 * shared cores ({@code mvn -Pslow test -Dtest=DriverKillTest}).
 */
@Tag("slow")
class DriverKillTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "kill";
  private static final long STAGE_TIMEOUT_S = 600;

  /** A {@code nash run} process (its output in {@code log}). */
  private static Process start(String store, boolean resume, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx2g"));
    // the surefire JVM's --add-opens and -D settings, which Spark and DJL need
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")
          || a.startsWith("--add-modules")
          || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || (a.startsWith("-D") && !a.startsWith("-Dnet.bytebuddy"))) {
        cmd.add(a);
      }
    }
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            NashCli.class.getName(),
            "run",
            "--store",
            store));
    PipelineEndToEndTest.tiny(store, RUN).entrySet().stream()
        .filter(e -> !e.getKey().equals("nash.store"))
        .forEach(e -> cmd.addAll(List.of("--set", e.getKey() + "=" + e.getValue())));
    cmd.addAll(List.of("--set", "nash.spark.master=local[2]"));
    if (resume) {
      cmd.add("--resume");
    }
    // in the log's folder, so that Spark's spark-warehouse/ does not land in the working tree
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).directory(log.getParent().toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.redirectOutput(log.toFile()).start();
  }

  private static void awaitSuccess(Process p, Path log) throws Exception {
    assertTrue(p.waitFor(STAGE_TIMEOUT_S, TimeUnit.SECONDS), "nash run hangs: " + tail(log));
    assertEquals(0, p.exitValue(), tail(log));
  }

  private static String tail(Path log) throws Exception {
    String s = Files.readString(log);
    return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
  }

  /**
   * Polls the store until {@code inStage} holds, then SIGKILLs the process; fails if {@code passed}
   * (the stage's end) holds first or the process ends by itself.
   */
  private static void killWhen(
      Process p,
      Store store,
      Predicate<Store> inStage,
      Predicate<Store> passed,
      String what,
      Path log)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STAGE_TIMEOUT_S);
    while (!inStage.test(store)) {
      assertFalse(passed.test(store), what + ": the stage ended before the kill: " + tail(log));
      assertTrue(p.isAlive(), what + ": nash run ended before the kill: " + tail(log));
      assertTrue(System.nanoTime() < deadline, what + ": not reached: " + tail(log));
      Thread.sleep(5);
    }
    p.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), what + ": still alive after SIGKILL");
    assertFalse(passed.test(store), what + ": the stage ended before the kill landed");
  }

  private static String run() {
    return RunLayout.run(RUN);
  }

  private static boolean searchCheckpointed(Store s) {
    return RunLayout.latestCheckpoint(s, RUN).isPresent();
  }

  private static boolean searchDone(Store s) {
    return s.exists(RunLayout.alpha(RUN));
  }

  private static List<String> candidateIds(Store s) {
    return s.list(run() + "/candidates");
  }

  private static long retrained(Store s) {
    return candidateIds(s).stream().filter(c -> s.exists(CandidateAccuracy.path(RUN, c))).count();
  }

  private static boolean retrainDone(Store s) {
    // the stage records its selection first; done when every selected network has its accuracy
    return s.get(run() + "/retrain-selection.txt")
        .map(
            b ->
                new String(b, java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .allMatch(c -> s.exists(CandidateAccuracy.path(RUN, c))))
        .orElse(false);
  }

  private static boolean synthesisDone(Store s) {
    return s.exists(run() + "/hw-units.txt");
  }

  /**
   * What a reader sees after the kill: every unit folder is committed with every file intact or not
   * committed at all, every single-object commit point parses, and no read warned.
   */
  private static void assertOnlyWholeUnits(String uri, String when) {
    List<String> warnings = new CopyOnWriteArrayList<>();
    List<String> problems = new ArrayList<>();
    try (Store s = Store.open(new StoreSpec(uri, Map.of()), warnings::add)) {
      List<String> units = new ArrayList<>();
      for (String r : s.list(run() + "/checkpoints")) {
        units.add(run() + "/checkpoints/" + r);
      }
      units.add(RunLayout.candidatesTable(RUN));
      for (String c : candidateIds(s)) {
        for (String d : s.list(RunLayout.candidate(RUN, c) + "/hw")) {
          units.add(RunLayout.hw(RUN, c, d));
        }
        for (String t : s.list(run() + "/train/" + c + "/checkpoint")) {
          units.add(run() + "/train/" + c + "/checkpoint/" + t);
        }
      }
      int committed = 0;
      for (String u : units) {
        boolean marker = UnitCommitter.isCommitted(s, u);
        Optional<CommittedDir> dir = UnitCommitter.open(s, u);
        if (marker != dir.isPresent()) {
          problems.add(u + ": marker present " + marker + " but opened " + dir.isPresent());
        }
        if (dir.isPresent()) {
          committed++;
          for (String name : dir.get().names()) {
            if (dir.get().read(name).isEmpty()) {
              problems.add(u + "/" + name + ": committed but unreadable");
            }
          }
        }
      }
      for (RunLayout.HwRef h : RunLayout.committedHwResults(s, RUN)) {
        if (UnitCommitter.open(s, h.dir()).flatMap(d -> d.read(RunLayout.RESULT_JSON)).isEmpty()) {
          problems.add(h.dir() + ": listed as committed without a whole result.json");
        }
      }
      // single-object commit points: absent or whole
      s.get(run() + "/supernet.bin").ifPresent(SearchState::fromBytes);
      for (String o :
          List.of(RunLayout.config(RUN), RunLayout.alpha(RUN), run() + "/genotype.json")) {
        if (s.exists(o) && s.getJson(o, JsonNode.class).isEmpty()) {
          problems.add(o + ": present but does not parse");
        }
      }
      for (String c : candidateIds(s)) {
        if (s.exists(CandidateAccuracy.path(RUN, c))
            && CandidateAccuracy.read(s, RUN, c).isEmpty()) {
          problems.add(CandidateAccuracy.path(RUN, c) + ": present but does not parse");
        }
      }
      assertTrue(committed > 0, when + ": no committed unit at all: " + units);
    }
    assertEquals(List.of(), problems, when);
    assertEquals(List.of(), warnings, when + ": a reader skipped a damaged object");
  }

  /** What is compared with the uninterrupted run. */
  private record Outcome(byte[] alpha, JsonNode candidates, JsonNode front, String report) {}

  private static Outcome read(String uri) throws Exception {
    try (Store store = Store.open(uri, Map.of())) {
      byte[] alpha = store.get(RunLayout.alpha(RUN)).orElseThrow();
      JsonNode cands = JSON.readTree(RunLayout.candidatesJson(store, RUN).orElseThrow());
      for (JsonNode c : cands) {
        ((ObjectNode) c).remove("millis"); // timings differ between runs; the rest must not
      }
      JsonNode front = JSON.readTree(store.get(RunLayout.FRONT_JSON).orElseThrow()).get("front");
      assertTrue(front.size() > 0, front.toString());
      String report =
          new String(
              store.get(RunLayout.REPORT_HTML).orElseThrow(),
              java.nio.charset.StandardCharsets.UTF_8);
      return new Outcome(alpha, cands, front, report);
    }
  }

  @Test
  void killedThreeTimesAndResumedEqualsTheUninterruptedRun(@TempDir Path dir) throws Exception {
    long t0 = System.nanoTime();
    String whole = dir.resolve("whole").toUri().toString();
    Path log0 = dir.resolve("whole.log");
    awaitSuccess(start(whole, false, log0), log0);
    Outcome expected = read(whole);
    long tWhole = System.nanoTime();

    String killed = dir.resolve("killed").toUri().toString();
    try (Store store = Store.open(killed, Map.of())) {
      Path log1 = dir.resolve("kill-search.log");
      killWhen(
          start(killed, false, log1),
          store,
          DriverKillTest::searchCheckpointed,
          DriverKillTest::searchDone,
          "search",
          log1);
      assertOnlyWholeUnits(killed, "after the kill in the search");

      Path log2 = dir.resolve("kill-retrain.log");
      killWhen(
          start(killed, true, log2),
          store,
          s -> retrained(s) > 0,
          DriverKillTest::retrainDone,
          "retrain",
          log2);
      assertTrue(Files.readString(log2).contains("search: genotype"), "the search resumed");
      assertOnlyWholeUnits(killed, "after the kill in retraining");

      Path log3 = dir.resolve("kill-synthesis.log");
      killWhen(
          start(killed, true, log3),
          store,
          s -> !RunLayout.committedHwResults(s, RUN).isEmpty(),
          DriverKillTest::synthesisDone,
          "synthesis",
          log3);
      assertOnlyWholeUnits(killed, "after the kill in synthesis");

      Path log4 = dir.resolve("resume.log");
      awaitSuccess(start(killed, true, log4), log4);
      assertTrue(Files.readString(log4).contains("stage retrain: complete, skipped (resume)"));
    }
    Outcome got = read(killed);
    assertArrayEquals(expected.alpha(), got.alpha(), "alpha");
    assertEquals(expected.candidates(), got.candidates(), "candidates table");
    assertEquals(expected.front(), got.front(), "front");
    assertEquals(expected.report(), got.report(), "report");
    System.out.printf(
        "DriverKillTest: uninterrupted run %.0f s, killed and resumed runs %.0f s%n",
        (tWhole - t0) / 1e9, (System.nanoTime() - tWhole) / 1e9);
  }
}
