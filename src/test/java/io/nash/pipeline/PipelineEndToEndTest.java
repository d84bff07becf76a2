package io.nash.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.config.Settings;
import io.nash.store.CandidateAccuracy;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.testutil.SparkTestBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline (search -> candidates -> retrain -> synthesis -> pareto) on a tiny synthetic
 * configuration through Spark, then resume, then a 2x2 sweep with a restart.
 */
public class PipelineEndToEndTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The tiny whole-pipeline configuration (also RunOnS3Test's). */
  public static Map<String, String> tiny(String store, String runId) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("nash.store", store);
    m.put("nash.run.id", runId);
    m.put("nash.data.spec", "synthetic?train=192&test=64&classes=4&channels=1&size=16&seed=3");
    m.put("nash.search.width", "8");
    m.put("nash.search.epochs", "2");
    m.put("nash.search.batch-size", "32");
    m.put("nash.spark.partitions", "2");
    m.put("nash.candidates.top-k", "1");
    m.put("nash.candidates.samples", "2");
    m.put("nash.candidates.valid-samples", "64");
    m.put("nash.train.epochs", "1");
    m.put("nash.train.width", "8");
    m.put("nash.train.max-candidates", "1");
    m.put("nash.hw.devices", "U250,ZCU104");
    // estimates: the real FINN path of the synthesis stage is FinnSynthesisTest's (finn tag)
    m.put("nash.hw.finn", "off");
    return m;
  }

  @Test
  void runEveryStageThenResumeOnlyTheDeletedOne(@TempDir Path dir) throws Exception {
    String uri = dir.resolve("store").toUri().toString();
    Settings s = Settings.load(List.of(), tiny(uri, "e2e"));
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    try (Store store = Store.open(uri, Map.of())) {
      RunContext ctx = Runs.context(s, store, SparkTestBase::spark, log::add);
      Pipeline p = Runs.fullPipeline();
      Pipeline.Outcome o = p.run(ctx, false);
      assertEquals(List.of("search", "candidates", "retrain", "synthesis", "pareto"), o.ran());

      // search: settings with provenance, alpha, genotype, per-epoch metrics, committed checkpoints
      JsonNode config = JSON.readTree(store.get(RunLayout.config("e2e")).orElseThrow());
      assertEquals("8", config.at("/settings/nash.search.width").asText());
      assertFalse(config.at("/provenance/java").asText().isEmpty());
      assertTrue(store.exists(RunLayout.alpha("e2e")));
      assertTrue(store.exists("runs/e2e/genotype.json"));
      String metrics =
          new String(store.get("runs/e2e/metrics.jsonl").orElseThrow(), StandardCharsets.UTF_8);
      String[] epochs = metrics.strip().split("\n");
      assertEquals(2, epochs.length, metrics);
      for (String line : epochs) {
        assertTrue(JSON.readTree(line).has("genotype"), "every epoch has its genotype: " + line);
      }
      assertTrue(metrics.contains("\"images_per_s\""), metrics);
      io.nash.search.engine.SearchState last =
          new io.nash.spark.HadoopCheckpointStore(store, "runs/e2e/checkpoints")
              .latest()
              .orElseThrow();
      assertEquals(
          SearchJob.of(s, "e2e", Map.of(), false).engine().rounds(),
          last.nextRound(),
          "the final checkpoint is committed");
      // the last epoch's genotype is the final alpha's, not the epoch before's
      assertEquals(
          io.nash.space.GenotypeParser.derive(
                  io.nash.space.ArchWeights.fromFlat(
                      io.nash.space.Backbone.RESNET18, io.nash.space.NashVersion.V1, last.alpha()))
              .compact(),
          JSON.readTree(epochs[1]).get("genotype").asText());

      // candidates: argmax + top-1 + 2 samples, deduplicated, each with a one-shot accuracy
      JsonNode cands = JSON.readTree(RunLayout.candidatesJson(store, "e2e").orElseThrow());
      assertTrue(cands.size() >= 2 && cands.size() <= 4, cands.toString());
      for (JsonNode c : cands) {
        assertEquals("ok", c.get("status").asText(), c.toString());
        double acc = c.get("accuracy").asDouble();
        assertTrue(acc >= 0 && acc <= 1, c.toString());
      }
      // the search's last epoch evaluated the same argmax genotype with the same final weights
      // and evaluation settings as the candidate stage: the same accuracy
      JsonNode argmaxRow = null;
      for (JsonNode c : cands) {
        if (c.get("source").asText().equals("argmax")) {
          argmaxRow = c;
        }
      }
      assertTrue(argmaxRow != null, cands.toString());
      assertTrue(JSON.readTree(epochs[0]).has("argmax_oneshot_acc"), epochs[0]);
      assertEquals(
          argmaxRow.get("accuracy").asDouble(),
          JSON.readTree(epochs[1]).get("argmax_oneshot_acc").asDouble(),
          1e-12,
          "per-epoch one-shot accuracy of the final epoch");

      // retraining: the best front candidate and the baseline have a retrained accuracy
      // (the selection recorded when the stage started: retrained accuracies move the front, so
      // selecting again now may pick other candidates)
      List<String> recorded =
          new String(
                  store.get(ctx.runPath(RetrainStage.SELECTION)).orElseThrow(),
                  StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.isBlank())
              .toList();
      assertEquals(2, recorded.size(), "max-candidates 1 + the baseline: " + recorded);
      assertTrue(recorded.contains("baseline"), recorded.toString());
      for (String id : recorded) {
        assertTrue(CandidateAccuracy.read(store, "e2e", id).isPresent(), id);
      }
      // each retrained network is exported as QONNX for the FINN build
      byte[] onnx = store.get("runs/e2e/candidates/baseline/model.onnx").orElseThrow();
      var model = io.nash.hw.onnx.OnnxReader.parse(onnx);
      assertTrue(
          model.graph().opCounts().getOrDefault("Quant", 0) > 0,
          model.graph().opCounts().toString());

      // synthesis: one committed unit per (candidate, device), for both devices
      List<RunLayout.HwRef> hw = RunLayout.committedHwResults(store, "e2e");
      String units = hw.toString() + "\n" + String.join("\n", log);
      assertTrue(hw.size() >= 4, units);
      for (RunLayout.HwRef h : hw) {
        for (String d : List.of("U250", "ZCU104")) {
          assertTrue(
              hw.contains(new RunLayout.HwRef("e2e", h.candidateId(), d)),
              h.candidateId() + " on " + d + " missing: " + units);
        }
      }

      // pareto: a non-empty front and the report
      JsonNode front = JSON.readTree(store.get("pareto/front.json").orElseThrow());
      assertTrue(front.toString().contains("e2e/"), front.toString());
      assertTrue(store.exists("pareto/report.html") && store.exists("pareto/front.csv"));
      assertFalse(
          new ParetoRefresher(store, ParetoStage.objectives(ctx)).current().front().isEmpty());

      // resume: everything is complete, nothing runs
      assertEquals(List.of(), p.run(ctx, true).ran());
      // delete the last stage's outputs: only that stage reruns
      store.delete("pareto");
      Pipeline.Outcome again = p.run(ctx, true);
      assertEquals(List.of("pareto"), again.ran());
      assertEquals(List.of("search", "candidates", "retrain", "synthesis"), again.skipped());
      assertTrue(store.exists("pareto/front.json"));
    }
  }

  @Test
  void sweepOfTwoByTwoVariantsRestartsWithNothingToDo(@TempDir Path dir) throws Exception {
    String uri = dir.resolve("store").toUri().toString();
    Path job = dir.resolve("tiny.yaml");
    StringBuilder y = new StringBuilder();
    tiny(uri, "unused").forEach((k, v) -> y.append(k).append(": \"").append(v).append("\"\n"));
    Files.writeString(job, y.toString());
    Path sweep = dir.resolve("sweep.yaml");
    Files.writeString(
        sweep,
        String.join(
            "\n",
            "sweep:",
            "  name: s",
            "  concurrency: 2",
            "  job: tiny.yaml",
            "  grid:",
            "    nash.search.version: [v1, v4]",
            "    nash.run.seed: [1, 2]",
            "    nash.hw.devices: [U250]",
            "settings:",
            "  nash.search.epochs: 1",
            "  nash.train.baseline: false",
            ""));
    SweepSpec spec = SweepSpec.read(sweep);
    try (Store store = Store.open(uri, Map.of())) {
      List<String> log = Collections.synchronizedList(new ArrayList<>());
      List<SweepRunner.Row> rows =
          SweepRunner.run(
              spec,
              Runs.fullPipeline(),
              v ->
                  Runs.context(
                      Settings.load(spec.jobFiles(), v.overrides()),
                      store,
                      SparkTestBase::spark,
                      log::add),
              c -> Integer.toString(RunLayout.committedHwResults(c.store(), c.runId()).size()),
              log::add);
      assertEquals(4, rows.size(), SweepRunner.table(rows));
      assertTrue(rows.stream().allMatch(r -> r.status().equals("done")), SweepRunner.table(rows));
      assertEquals(
          List.of("s-v1-s1", "s-v1-s2", "s-v4-s1", "s-v4-s2"),
          RunLayout.committedRuns(store).stream().sorted().toList());
      for (String run : RunLayout.committedRuns(store)) {
        assertTrue(store.exists(RunLayout.alpha(run)), run);
        assertFalse(RunLayout.committedHwResults(store, run).isEmpty(), run);
      }
      // a restart finds every variant complete
      List<SweepRunner.Row> again =
          SweepRunner.run(
              spec,
              Runs.fullPipeline(),
              v ->
                  Runs.context(
                      Settings.load(spec.jobFiles(), v.overrides()),
                      store,
                      SparkTestBase::spark,
                      log::add),
              c -> "",
              log::add);
      assertEquals(4, again.size());
      assertTrue(
          again.stream().allMatch(r -> r.status().equals("skipped")), SweepRunner.table(again));
      String table = SweepRunner.table(again);
      assertEquals(5, table.strip().split("\n").length, table); // header + four rows
    }
  }
}
