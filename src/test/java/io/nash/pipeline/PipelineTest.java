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
