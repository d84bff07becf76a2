package io.nash.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nash.pareto.Objectives;
import io.nash.pareto.ParetoAnalysis;
import io.nash.pareto.ParetoPoint;
import io.nash.store.CandidateResult;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import io.nash.store.UnitCommitter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParetoRefresherTest {
  @TempDir Path tmp;
  final List<String> warnings = new CopyOnWriteArrayList<>();

  Store store(String name) {
    return Store.open(new StoreSpec(tmp.resolve(name).toUri().toString(), Map.of()), warnings::add);
  }

  /** Writes a run with n committed results (seeded values) and one failed row. */
  static List<CandidateResult> writeRun(Store s, String run, int n, long seed) {
    Random r = new Random(seed);
    s.putJson(RunLayout.config(run), Map.of("seed", seed));
    List<CandidateResult> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String version = "v" + (1 + r.nextInt(4));
      CandidateResult c =
          CandidateResult.ok(
              run,
              "c" + i,
              i % 2 == 0 ? "U250" : "ZCU104",
              version,
              "resnet18",
              "g" + i,
              "estimate",
              0.7 + 0.25 * r.nextDouble(),
              100 + r.nextInt(5000),
              0.1 + r.nextDouble(),
              1000 + r.nextInt(100000),
              r.nextInt(300),
              0,
              r.nextInt(50));
      UnitCommitter.commit(s, c.ref().dir(), Map.of(RunLayout.RESULT_JSON, Store.toJson(c)));
      out.add(c);
    }
    CandidateResult failed =
        CandidateResult.failed(run, "cf", "U250", "v1", "gf", "lowering failed: op X");
    UnitCommitter.commit(
        s, failed.ref().dir(), Map.of(RunLayout.RESULT_JSON, Store.toJson(failed)));
    return out;
  }

  static List<String> scratchFront(List<CandidateResult> all) {
    List<ParetoPoint> pts = all.stream().map(ResultPoints::toPoint).toList();
    return ParetoAnalysis.of(Objectives.DEFAULT, pts).frontIds();
  }

  static List<String> ids(List<ParetoPoint> pts) {
    return pts.stream().map(ParetoPoint::id).toList();
  }

  @Test
  void incrementalRefreshReadsOnlyNewResultsAndEqualsFromScratch() throws Exception {
    try (Store s = store("inc")) {
      List<CandidateResult> all = new ArrayList<>(writeRun(s, "run-a", 15, 1));
      all.addAll(writeRun(s, "run-b", 15, 2));
      ParetoRefresher refresher = new ParetoRefresher(s, Objectives.DEFAULT);
      ParetoRefresher.Result first = refresher.refresh();
      assertEquals(32, first.newlyRead().size()); // 2 runs x (15 + 1 failed)
      assertEquals(scratchFront(all), ids(first.front()));

      all.addAll(writeRun(s, "run-c", 10, 3));
      ParetoRefresher.Result second = refresher.refresh();
      assertTrue(
          second.newlyRead().stream().allMatch(id -> id.startsWith("run-c/")),
          second.newlyRead().toString());
      assertEquals(11, second.newlyRead().size());
      assertEquals(scratchFront(all), ids(second.front()));
      // the same as a from-scratch refresh into an empty store's state
      assertEquals(scratchFront(all), ids(refresher.current().front()));

      JsonNode manifest = s.getJson(RunLayout.REFRESH_MANIFEST, JsonNode.class).orElseThrow();
      assertEquals(43, manifest.get("read").size());
      JsonNode front = s.getJson(RunLayout.FRONT_JSON, JsonNode.class).orElseThrow();
      assertEquals(second.version(), front.get("version").asLong());
      assertEquals(scratchFront(all).size(), front.get("front").size());
      String csv =
          new String(
              s.get(RunLayout.FRONT_CSV).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(scratchFront(all).size() + 1, csv.split("\n").length);
      String html =
          new String(
              s.get(RunLayout.REPORT_HTML).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(html.contains("data-front=\"" + scratchFront(all).size() + "\""));
      assertTrue(html.contains("data-points=\"40\""), "failed rows have no accuracy, so 40 points");

      assertEquals(0, refresher.refresh().newlyRead().size()); // nothing new
      assertTrue(warnings.isEmpty(), warnings.toString());
    }
  }

  @Test
  void concurrentRefreshesLeaveAConsistentFront() throws Exception {
    try (Store s = store("conc")) {
      List<CandidateResult> all = new ArrayList<>(writeRun(s, "run-a", 12, 10));
      new ParetoRefresher(s, Objectives.DEFAULT).refresh();
      all.addAll(writeRun(s, "run-b", 12, 11));
      all.addAll(writeRun(s, "run-c", 12, 12));
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 3; round++) {
          CyclicBarrier start = new CyclicBarrier(2);
          List<Future<ParetoRefresher.Result>> fs = new ArrayList<>();
          for (int t = 0; t < 2; t++) {
            fs.add(
                pool.submit(
                    () -> {
                      start.await();
                      return new ParetoRefresher(s, Objectives.DEFAULT).refresh();
                    }));
          }
          for (Future<ParetoRefresher.Result> f : fs) {
            f.get();
          }
          if (round == 0) {
            all.addAll(writeRun(s, "run-d", 12, 13));
          }
        }
      } finally {
        pool.shutdown();
      }
      ParetoRefresher r = new ParetoRefresher(s, Objectives.DEFAULT);
      assertEquals(1, r.heads().size(), "a single head after both finished");
      assertEquals(scratchFront(all), ids(r.current().front()));
      assertEquals(all.size() + 4, r.current().archive().size());
      JsonNode front = s.getJson(RunLayout.FRONT_JSON, JsonNode.class).orElseThrow();
      List<String> published = new ArrayList<>();
      front.get("front").forEach(n -> published.add(n.get("id").asText()));
      assertEquals(scratchFront(all), published);
    }
  }
}
