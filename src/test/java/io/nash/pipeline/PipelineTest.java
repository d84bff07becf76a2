package io.nash.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import io.nash.config.Settings;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resume and sweep logic with stages that write marker objects (no Spark, no DJL). */
class PipelineTest {

  /** A stage whose output is one object; it can be told to fail. */
  static final class FileStage implements Stage {
    final String name;
    final List<String> calls;
    volatile boolean fail;

    FileStage(String name, List<String> calls) {
      this.name = name;
      this.calls = calls;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean isComplete(RunContext ctx) {
      return ctx.store().exists(ctx.runPath(name + ".out"));
    }

    @Override
    public void run(RunContext ctx) {
      calls.add(ctx.runId() + ":" + name);
      if (fail) {
        throw new IllegalStateException(name + " failed on purpose");
      }
      ctx.store().put(ctx.runPath(name + ".out"), name.getBytes(StandardCharsets.UTF_8));
    }
  }

  static RunContext ctx(Store store, String runId, List<String> log) {
    StoreSpec spec = store.spec();
    return new RunContext(
        Settings.defaults(),
        runId,
        spec,
        store,
        () -> {
          throw new AssertionError("no Spark in this test");
        },
        log::add);
  }

  @Test
  void resumeRestartsAtFirstIncompleteStage(@TempDir Path dir) throws Exception {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    List<String> log = new ArrayList<>();
    FileStage a = new FileStage("search", calls);
    FileStage b = new FileStage("candidates", calls);
    FileStage c = new FileStage("pareto", calls);
    Pipeline p = new Pipeline(List.of(a, b, c));
    try (Store store = Store.open(dir.toUri().toString(), Map.of())) {
      RunContext ctx = ctx(store, "r1", log);
      assertEquals(List.of("search", "candidates", "pareto"), p.run(ctx, true).ran());
      // everything complete: a resume runs nothing
      assertEquals(List.of(), p.run(ctx, true).ran());
      // delete the last stage's output: only that stage reruns
      store.delete(ctx.runPath("pareto.out"));
      Pipeline.Outcome o = p.run(ctx, true);
      assertEquals(List.of("pareto"), o.ran());
      assertEquals(List.of("search", "candidates"), o.skipped());
      // without resume everything reruns
      calls.clear();
      p.run(ctx, false);
      assertEquals(List.of("r1:search", "r1:candidates", "r1:pareto"), calls);
      // a failure stops the pipeline and leaves later stages undone
      store.delete(ctx.runPath("candidates.out"));
      store.delete(ctx.runPath("pareto.out"));
      b.fail = true;
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.run(ctx, true));
      assertEquals("candidates failed on purpose", e.getMessage());
      assertFalse(c.isComplete(ctx));
      assertTrue(
          log.stream()
              .anyMatch(
                  l ->
                      l.contains("stage 1/3 search: complete, skipped")
                          || l.contains("search: complete, skipped")),
          log.toString());
    }
  }

  /** A candidates-table row as the candidate stage writes it. */
  private static String row(String id, String genotypeJson, double oneShot) {
    return String.format(
        java.util.Locale.ROOT,
        "{\"id\":\"%s\",\"source\":\"test\",\"genotype\":\"%s\",\"genotype_json\":%s,"
            + "\"log_prob\":-1.0,\"status\":\"ok\",\"accuracy\":%s,\"loss\":0.5,"
            + "\"samples\":64,\"error\":\"\",\"millis\":1}",
        id,
        id,
        genotypeJson,
        oneShot);
  }

  @Test
  void resumedRetrainingKeepsTheSelectionRecordedWhenItFirstStarted(@TempDir Path dir) {
    String uri = dir.toUri().toString();
    Map<String, String> tiny = new java.util.LinkedHashMap<>(PipelineEndToEndTest.tiny(uri, "r1"));
    try (Store store = Store.open(uri, Map.of())) {
      RunContext ctx =
          new RunContext(
              Settings.load(List.of(), tiny),
              "r1",
              store.spec(),
              store,
              () -> {
                throw new AssertionError("no Spark in this test");
              },
              l -> {});
      // c1 has c0's hardware and a lower one-shot accuracy: dominated, so c0 is retrained
      String v1 = io.nash.space.SpaceJson.genotypeJson(io.nash.space.PublishedGenotypes.V1);
      io.nash.store.UnitCommitter.commit(
          store,
          io.nash.store.RunLayout.candidatesTable("r1"),
          Map.of(
              io.nash.store.RunLayout.CANDIDATES_JSON,
              ("[" + row("c0", v1, 0.80) + "," + row("c1", v1, 0.60) + "]")
                  .getBytes(StandardCharsets.UTF_8)));
      List<String> first =
          RetrainStage.toRetrain(ctx).stream().map(io.nash.synth.RunCandidates.Input::id).toList();
      assertEquals(List.of("c0", "baseline"), first);
      assertEquals(java.util.Optional.of(first), RetrainStage.selection(store, "r1"));
      // the driver died after c0's retraining (top-1 0.50) and before the baseline's: selecting
      // afresh would now see c0 dominated by c1 and retrain c1, unlike an uninterrupted run
      new io.nash.store.CandidateAccuracy(1, 0.50, null, 1, null).write(store, "r1", "c0");
      assertEquals(
          List.of("c1", "baseline"),
          RetrainStage.selected(ctx).stream().map(io.nash.synth.RunCandidates.Input::id).toList());
      assertEquals(
          first,
          RetrainStage.toRetrain(ctx).stream().map(io.nash.synth.RunCandidates.Input::id).toList(),
          "the resume retrains what the interrupted stage selected");
      assertFalse(new RetrainStage().isComplete(ctx), "the baseline is still missing");
    }
  }

  @Test
  void sweepRunsGridSkipsFinishedVariantsAndReportsFailures(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("sweep.yaml");
    Files.writeString(
        f,
        String.join(
            "\n",
            "sweep:",
            "  name: t",
            "  concurrency: 2",
            "  grid:",
            "    nash.search.version: [v1, v2]",
            "    nash.run.seed: [1, 2]",
            "    nash.hw.devices: [U250, ZCU104]",
            "settings:",
            "  nash.search.epochs: 1",
            ""));
    SweepSpec spec = SweepSpec.read(f);
    List<SweepSpec.Variant> vs = spec.variants();
    assertEquals(4, vs.size(), "devices do not multiply runs");
    assertEquals(
        List.of("t-v1-s1", "t-v1-s2", "t-v2-s1", "t-v2-s2"),
        vs.stream().map(SweepSpec.Variant::runId).toList());
    assertEquals("U250,ZCU104", vs.get(0).overrides().get("nash.hw.devices"));
    assertEquals("1", vs.get(3).overrides().get("nash.search.epochs"));
    assertEquals("v2", vs.get(3).overrides().get("nash.search.version"));

    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    FileStage a = new FileStage("search", calls);
    FileStage b = new FileStage("pareto", calls);
    Pipeline p = new Pipeline(List.of(a, b));
    AtomicInteger built = new AtomicInteger();
    try (Store store = Store.open(dir.resolve("store").toUri().toString(), Map.of())) {
      List<String> log = Collections.synchronizedList(new ArrayList<>());
      List<SweepRunner.Row> rows =
          SweepRunner.run(
              spec,
              p,
              v -> {
                built.incrementAndGet();
                return ctx(store, v.runId(), log);
              },
              c -> "ok",
              log::add);
      assertEquals(4, rows.size());
      assertTrue(rows.stream().allMatch(r -> r.status().equals("done")), rows.toString());
      assertEquals(8, calls.size());
      // restart: nothing runs
      calls.clear();
      rows = SweepRunner.run(spec, p, v -> ctx(store, v.runId(), log), c -> "ok", log::add);
      assertTrue(rows.stream().allMatch(r -> r.status().equals("skipped")), rows.toString());
      assertEquals(List.of(), calls);
      // one variant's stage fails: it is reported, the others are done
      store.delete("runs/t-v2-s1/pareto.out");
      store.delete("runs/t-v1-s2/pareto.out");
      b.fail = true;
      rows = SweepRunner.run(spec, p, v -> ctx(store, v.runId(), log), c -> "ok", log::add);
      assertEquals(2, rows.stream().filter(r -> r.status().equals("failed")).count());
      assertEquals(2, rows.stream().filter(r -> r.status().equals("skipped")).count());
      String table = SweepRunner.table(rows);
      assertTrue(table.contains("t-v2-s1") && table.contains("pareto failed on purpose"), table);
    }
  }

  @Test
  void sweepFileErrorsNameTheKey(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "sweep:\n  name: x\n  grid:\n    nash.search.width: [8, 0]\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(f));
    assertTrue(
        e.getMessage().contains("nash.search.width = 0: must be in 1..1024"), e.getMessage());
    Files.writeString(f, "sweep:\n  name: x\n  grid:\n    nash.search.widht: [8]\n");
    e = assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(f));
    assertTrue(e.getMessage().contains("unknown setting 'nash.search.widht'"), e.getMessage());
    Files.writeString(f, "sweep:\n  name: 'a b'\n  grid:\n    nash.search.width: [8]\n");
    e = assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(f));
    assertTrue(e.getMessage().contains("sweep.name = 'a b'"), e.getMessage());
  }
}
