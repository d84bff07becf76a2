package io.nash.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.testutil.CommitFaults;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The same store contract, run against file:// and s3a:// by the subclasses. */
abstract class StoreContractTest {
  final List<String> warnings = new CopyOnWriteArrayList<>();
  Store store;

  /** A fresh, empty store location for one test. */
  abstract StoreSpec spec(String name);

  @BeforeEach
  void open(TestInfo info) {
    store = Store.open(spec(info.getTestMethod().orElseThrow().getName()), warnings::add);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static CandidateResult result(String run, String cand, String device, double top1) {
    return CandidateResult.ok(
        run,
        cand,
        device,
        "v2",
        "resnet18",
        "g(" + cand + ")",
        "estimate",
        top1,
        1000,
        0.5,
        20000,
        30,
        0,
        4);
  }

  @Test
  void objectsWriteReplaceReadList() {
    store.put("a/x.txt", utf8("one"));
    store.put("a/x.txt", utf8("two"));
    store.putNew("a/y.txt", utf8("y"));
    assertEquals("two", new String(store.get("a/x.txt").orElseThrow(), StandardCharsets.UTF_8));
    assertEquals(List.of("x.txt", "y.txt"), store.list("a"));
    assertEquals(Optional.empty(), store.get("a/none"));
    assertEquals(List.of(), store.list("nothing-here"));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> store.putNew("a/y.txt", utf8("again")));
    assertTrue(e.getMessage().contains("write-once"), e.getMessage());
    assertEquals("y", new String(store.get("a/y.txt").orElseThrow(), StandardCharsets.UTF_8));
  }

  @Test
  void unitCommitListReadAndIdempotence() {
    CandidateResult r = result("run1", "c1", "U250", 0.91);
    String dir = RunLayout.hw("run1", "c1", "U250");
    Map<String, byte[]> files =
        Map.of(RunLayout.RESULT_JSON, Store.toJson(r), "finn/build.log", utf8("build ok"));
    assertEquals(UnitCommitter.Outcome.COMMITTED, UnitCommitter.commit(store, dir, files));
    assertEquals(
        UnitCommitter.Outcome.ALREADY_COMMITTED,
        UnitCommitter.commit(store, dir, Map.of(RunLayout.RESULT_JSON, utf8("other"))));
    CommittedDir unit = UnitCommitter.open(store, dir).orElseThrow();
    assertEquals(r, unit.readJson(RunLayout.RESULT_JSON, CandidateResult.class).orElseThrow());
    assertArrayEquals(utf8("build ok"), unit.read("finn/build.log").orElseThrow());
    assertEquals(
        List.of(new RunLayout.HwRef("run1", "c1", "U250")),
        RunLayout.committedHwResults(store, "run1"));
    store.putJson(RunLayout.config("run1"), Map.of("seed", 1));
    assertEquals(List.of("run1"), RunLayout.committedRuns(store));
    assertTrue(warnings.isEmpty(), warnings.toString());
  }

  @Test
  void uncommittedUnitIsInvisible() {
    UnitCommitter.commit(
        store,
        RunLayout.hw("run1", "c1", "U250"),
        Map.of(RunLayout.RESULT_JSON, Store.toJson(result("run1", "c1", "U250", .9))));
    // A writer that died before its marker: files present, no _COMMITTED.
    store.put(
        RunLayout.hw("run1", "c2", "U250") + "/" + RunLayout.RESULT_JSON,
        Store.toJson(result("run1", "c2", "U250", .95)));
    assertEquals(
        List.of("c1"),
        RunLayout.committedHwResults(store, "run1").stream()
            .map(RunLayout.HwRef::candidateId)
            .toList());
    assertTrue(UnitCommitter.open(store, RunLayout.hw("run1", "c2", "U250")).isEmpty());
    // A checkpoint without marker is not the latest checkpoint either.
    UnitCommitter.commit(
        store, RunLayout.checkpoint("run1", 3), Map.of("state.bin", new byte[] {1, 2}));
    store.put(RunLayout.checkpoint("run1", 4) + "/state.bin", new byte[] {9});
    assertEquals(Optional.of(3), RunLayout.latestCheckpoint(store, "run1"));
    // A later real commit of the debris unit works and wins.
    assertEquals(
        UnitCommitter.Outcome.COMMITTED,
        UnitCommitter.commit(
            store,
            RunLayout.hw("run1", "c2", "U250"),
            Map.of(RunLayout.RESULT_JSON, Store.toJson(result("run1", "c2", "U250", .95)))));
    assertEquals(2, RunLayout.committedHwResults(store, "run1").size());
  }

  @Test
  void aCommitInterruptedBeforeItsMarkerIsInvisibleAndARerunReplacesIt() {
    String unit = RunLayout.hw("run1", "c1", "U250");
    String round4 = RunLayout.checkpoint("run1", 4);
    UnitCommitter.commit(store, RunLayout.checkpoint("run1", 2), Map.of("state.bin", utf8("two")));
    Map<String, String> faulty = new java.util.HashMap<>(store.spec().settings());
    faulty.putAll(CommitFaults.settings(java.net.URI.create(store.spec().uri()).getScheme()));
    int failedBefore = CommitFaults.failed();
    try (Store dying = Store.open(new StoreSpec(store.spec().uri(), faulty), warnings::add)) {
      CommitFaults.failNextMarkers(2);
      Map<String, byte[]> half =
          Map.of(
              RunLayout.RESULT_JSON,
              Store.toJson(result("run1", "c1", "U250", .5)),
              "finn/build.log",
              utf8("interrupted attempt"));
      assertThrows(
          java.io.UncheckedIOException.class, () -> UnitCommitter.commit(dying, unit, half));
      assertThrows(
          java.io.UncheckedIOException.class,
          () -> UnitCommitter.commit(dying, round4, Map.of("state.bin", utf8("four"))));
    } finally {
      CommitFaults.disarm();
    }
    assertEquals(failedBefore + 2, CommitFaults.failed(), "both commits died at their marker");
    // the data was written, but no reader sees the units
    if (store.atomicRename()) {
      assertEquals(List.of(), store.list(RunLayout.candidate("run1", "c1") + "/hw"));
    } else {
      assertEquals(1, store.list(unit).size(), "the attempt's own folder: " + store.list(unit));
    }
    assertFalse(UnitCommitter.isCommitted(store, unit));
    assertTrue(UnitCommitter.open(store, unit).isEmpty());
    assertEquals(List.of(), RunLayout.committedHwResults(store, "run1"));
    assertEquals(Optional.of(2), RunLayout.latestCheckpoint(store, "run1"));
    assertEquals(
        List.of(RunLayout.checkpoint("run1", 2)),
        UnitCommitter.listCommitted(store, RunLayout.run("run1") + "/checkpoints").stream()
            .map(CommittedDir::dir)
            .toList());
    // a rerun commits, and readers see exactly the rerun's files
    assertEquals(
        UnitCommitter.Outcome.COMMITTED,
        UnitCommitter.commit(
            store,
            unit,
            Map.of(RunLayout.RESULT_JSON, Store.toJson(result("run1", "c1", "U250", .75)))));
    CommittedDir done = UnitCommitter.open(store, unit).orElseThrow();
    assertEquals(java.util.Set.of(RunLayout.RESULT_JSON), done.names());
    assertEquals(
        0.75, done.readJson(RunLayout.RESULT_JSON, CandidateResult.class).orElseThrow().top1());
    assertEquals(1, RunLayout.committedHwResults(store, "run1").size());
    assertEquals(
        UnitCommitter.Outcome.COMMITTED,
        UnitCommitter.commit(store, round4, Map.of("state.bin", utf8("four"))));
    assertEquals(Optional.of(4), RunLayout.latestCheckpoint(store, "run1"));
    assertArrayEquals(
        utf8("four"),
        UnitCommitter.open(store, round4).orElseThrow().read("state.bin").orElseThrow());
  }

  @Test
  void corruptObjectsAreSkippedWithAWarning() {
    String dir = RunLayout.hw("run1", "c1", "U250");
    UnitCommitter.commit(
        store, dir, Map.of(RunLayout.RESULT_JSON, Store.toJson(result("run1", "c1", "U250", .9))));
    CommittedDir unit = UnitCommitter.open(store, dir).orElseThrow();
    // Overwrite the committed file behind the marker's back (bit rot, a foreign writer).
    store.put(unit.pathOf(RunLayout.RESULT_JSON), utf8("{\"schema\": 1, \"trunc"));
    assertTrue(unit.readJson(RunLayout.RESULT_JSON, CandidateResult.class).isEmpty());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(
        warnings.get(0).contains("corrupt")
            && warnings.get(0).contains(unit.pathOf(RunLayout.RESULT_JSON)),
        warnings.get(0));
    // A corrupt config.json: the run is not listed, and the warning names the object.
    store.put(RunLayout.config("run2"), utf8("{not json"));
    store.putJson(RunLayout.config("run3"), Map.of("ok", true));
    assertEquals(List.of("run3"), RunLayout.committedRuns(store));
    assertTrue(warnings.get(1).contains("runs/run2/config.json"), warnings.get(1));
    // A corrupt marker makes the unit unreadable, with a warning.
    store.put(dir + "/" + CommittedDir.MARKER, utf8("garbage"));
    assertTrue(UnitCommitter.open(store, dir).isEmpty());
    assertTrue(warnings.get(2).contains(CommittedDir.MARKER), warnings.get(2));
  }

  @Test
  void secretsStayOutOfToStringAndRedactedSettings() {
    StoreSpec s =
        new StoreSpec(
            store.spec().uri(),
            Map.of(
                "fs.s3a.secret.key",
                "SECRET-XYZ",
                "fs.s3a.access.key",
                "AKIA-XYZ",
                "fs.s3a.session.token",
                "TOK",
                "fs.s3a.endpoint",
                "http://e"));
    assertFalse(
        s.toString().contains("SECRET-XYZ")
            || s.toString().contains("AKIA-XYZ")
            || s.toString().contains("TOK"),
        s.toString());
    assertEquals(Map.of("fs.s3a.endpoint", "http://e"), s.redactedSettings());
    // an open store carrying credentials (the s3a store its real ones; the file store is given
    // some) names none of them
    Map<String, String> creds = new java.util.HashMap<>(store.spec().settings());
    creds.putIfAbsent("fs.s3a.secret.key", "SECRET-XYZ");
    creds.putIfAbsent("fs.s3a.access.key", "AKIA-XYZ");
    try (Store withCreds = Store.open(new StoreSpec(store.spec().uri(), creds), w -> {})) {
      String t = withCreds.toString();
      assertTrue(t.contains(withCreds.spec().uri()), t);
      assertFalse(
          t.contains(creds.get("fs.s3a.secret.key")) || t.contains(creds.get("fs.s3a.access.key")),
          t);
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new StoreSpec("s3a://AKIA:SECRET-XYZ@bucket/x", Map.of()));
    assertFalse(e.getMessage().contains("SECRET-XYZ"), e.getMessage());
  }

  @Test
  void badIdsAndPathsAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RunLayout.run("_tmp.x"));
    assertTrue(e.getMessage().startsWith("run id = '_tmp.x': must match"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RunLayout.hw("r", "c", "a/b"));
    assertThrows(IllegalArgumentException.class, () -> store.put("../x", utf8("x")));
    assertThrows(
        IllegalArgumentException.class,
        () -> UnitCommitter.commit(store, "u", Map.of(CommittedDir.MARKER, utf8("x"))));
  }
}
