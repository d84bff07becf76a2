package io.nash.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.config.Settings;
import io.nash.testutil.SparkTestBase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public API on Spark local mode: each step's typed result equals the files its stage committed
 * to the store (read here with plain Jackson), a second instance reads a finished run back without
 * rerunning anything, and settings fail at once with the CLI's messages.
 */
class NashSearchTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A tiny synthetic run: 2 search epochs, 1 retraining epoch, estimates on two devices. */
  static Map<String, Object> tinyRun() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nash.data.spec", "synthetic?train=128&test=64&classes=4&channels=1&size=16&seed=5");
    m.put("nash.search.width", 4);
    m.put("nash.search.epochs", 2);
    m.put("nash.search.batch-size", 32);
    m.put("nash.spark.partitions", 2);
    m.put("nash.candidates.top-k", 1);
    m.put("nash.candidates.samples", 1);
    m.put("nash.candidates.valid-samples", 64);
    m.put("nash.train.epochs", 1);
    m.put("nash.train.width", 4);
    m.put("nash.train.max-candidates", 1);
    m.put("nash.hw.devices", List.of("U250", "ZCU104"));
    m.put("nash.hw.finn", "off");
    return m;
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void settingsFailAtOnceWithTheCliMessagesAndARejectedCallChangesNothing(@TempDir Path dir)
      throws Exception {
    try (NashSearch n = NashSearch.local()) {
      String width = n.resolvedSettings().get("nash.search.width");
      // the CLI resolves flags and --set pairs with Settings.load: the same message, word for word
      assertEquals(
          message(() -> Settings.load(List.of(), Map.of("nash.search.width", "0"))),
          message(() -> n.set("nash.search.width", 0)));
      assertEquals(
          "nash.search.width = 0: must be in 1..1024",
          message(() -> n.set("nash.search.width", 0)));
      assertEquals(width, n.resolvedSettings().get("nash.search.width"));
      assertEquals(
          message(() -> Settings.load(List.of(), Map.of("nash.search.widht", "8"))),
          message(() -> n.settings(Map.of("nash.search.widht", 8))));
      Path job = dir.resolve("job.yaml");
      Files.writeString(job, "nash:\n  search:\n    epochs: -1\n");
      String fromFile = message(() -> n.settingsFile(job));
      assertEquals(message(() -> Settings.load(List.of(job), Map.of())), fromFile);
      assertTrue(fromFile.startsWith(job + ": nash.search.epochs = -1"), fromFile);
      assertEquals(
          "nash.run.id = 'a b': must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}",
          message(() -> n.runId("a b")));
      // precedence as in the CLI: values set win over job files, whatever the call order
      Files.writeString(job, "nash.search.width: 12\nnash.search.epochs: 7\n");
      n.set("nash.search.width", 9).settingsFile(job);
      assertEquals("9", n.resolvedSettings().get("nash.search.width"));
      assertEquals("7", n.resolvedSettings().get("nash.search.epochs"));
      assertEquals(
          "U250,ZCU104",
          n.set("nash.hw.devices", List.of("U250", "ZCU104"))
              .resolvedSettings()
              .get("nash.hw.devices"));
    }
  }

  @Test
  void aSessionWithoutNashKryoSettingsIsRefusedNamingTheSetting() {
    org.apache.spark.SparkConf c = new org.apache.spark.SparkConf(false);
    assertEquals(
        "spark.serializer = org.apache.spark.serializer.JavaSerializer: NASH needs"
            + " org.apache.spark.serializer.KryoSerializer (see conf/spark-defaults.conf)",
        message(() -> NashSearch.checkConf(c)));
    c.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    c.set("spark.kryo.registrator", "com.example.Other");
    assertEquals(
        "spark.kryo.registrator = 'com.example.Other': must include"
            + " io.nash.spark.NashKryoRegistrator (see conf/spark-defaults.conf)",
        message(() -> NashSearch.checkConf(c)));
    c.set("spark.kryo.registrator", "com.example.Other,io.nash.spark.NashKryoRegistrator");
    NashSearch.checkConf(c); // accepted
    // the session the tests share is made by SparkSessions, as the CLI makes its own
    NashSearch.checkConf(spark().sparkContext().getConf());
  }

  @Test
  void everyStepReturnsWhatItsStageCommittedAndAFinishedRunIsReadBack(@TempDir Path dir)
      throws Exception {
    Path root = dir.resolve("store");
    String uri = root.toUri().toString();
    Path run = root.resolve("runs/api");
    List<String> log = new ArrayList<>();
    try (NashSearch nash =
        NashSearch.on(spark()).store(uri).runId("api").settings(tinyRun()).log(log::add)) {
      // 1. search: alpha, genotype, metrics equal alpha.json, metrics.jsonl
      SearchResult s = nash.search();
      assertEquals(List.of("search"), nash.stagesRan());
      JsonNode alpha = JSON.readTree(run.resolve("alpha.json").toFile());
      int edges = 0;
      for (int g = 0; g < alpha.get("groups").size(); g++) {
        JsonNode group = alpha.get("groups").get(g);
        for (int e = 0; e < group.size(); e++, edges++) {
          SearchResult.Edge edge = s.edge(g, e);
          JsonNode raw = group.get(e);
          assertEquals(alpha.get("ops").size(), edge.ops().size());
          double max = Double.NEGATIVE_INFINITY;
          for (JsonNode v : raw) {
            max = Math.max(max, (float) v.asDouble());
          }
          double sum = 0;
          for (JsonNode v : raw) {
            sum += Math.exp((float) v.asDouble() - max);
          }
          for (int k = 0; k < raw.size(); k++) {
            assertEquals(alpha.get("ops").get(k).asText(), edge.ops().get(k));
            assertEquals((float) raw.get(k).asDouble(), edge.logits().get(k), 0f);
            assertEquals(
                Math.exp((float) raw.get(k).asDouble() - max) / sum,
                edge.probabilities().get(k),
                1e-12);
          }
        }
      }
      assertEquals(edges, s.alpha().size());
      assertEquals(alpha.get("backbone").asText(), s.backbone());
      assertEquals(alpha.get("version").asText(), s.version());
      List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
      lines.removeIf(String::isBlank);
      assertEquals(2, lines.size());
      assertEquals(lines.size(), s.metrics().size());
      for (int i = 0; i < lines.size(); i++) {
        JsonNode m = JSON.readTree(lines.get(i));
        SearchResult.Epoch ep = s.metrics().get(i);
        assertEquals(m.get("epoch").asInt(), ep.epoch());
        assertEquals(m.get("train_loss").asDouble(), ep.trainLoss(), 0);
        assertEquals(m.get("train_acc").asDouble(), ep.trainAccuracy(), 0);
        assertEquals(m.get("valid_acc").asDouble(), ep.validAccuracy(), 0);
        assertEquals(m.get("images_per_s").asDouble(), ep.imagesPerSecond(), 0);
        assertTrue(ep.imagesPerSecond() > 0, lines.get(i));
        assertEquals(m.get("genotype").asText(), ep.genotype());
      }
      // the derived genotype is the last epoch's (whose alpha is the final one)
      assertEquals(JSON.readTree(lines.get(1)).get("genotype").asText(), s.genotype().compact());
      assertEquals(run, Path.of(URI.create(s.location())));

      // 2. candidates equal candidates.json row by row
      List<Candidate> cands = nash.candidates();
      assertEquals(List.of("candidates"), nash.stagesRan());
      JsonNode table = JSON.readTree(run.resolve("candidates-table/candidates.json").toFile());
      assertEquals(table.size(), cands.size());
      assertTrue(cands.size() >= 1, table.toString());
      for (int i = 0; i < table.size(); i++) {
        JsonNode r = table.get(i);
        Candidate c = cands.get(i);
        assertEquals(r.get("id").asText(), c.id());
        assertEquals(r.get("source").asText(), c.source());
        assertEquals(r.get("genotype").asText(), c.genotype());
        assertEquals(r.get("genotype_json"), JSON.readTree(c.genotypeJson()));
        assertEquals(r.get("log_prob").asDouble(), c.logProb(), 0);
        assertEquals(r.get("status").asText(), c.status());
        assertEquals(r.get("accuracy").asDouble(), c.accuracy(), 0);
        assertEquals(r.get("loss").asDouble(), c.loss(), 0);
        assertEquals(r.get("samples").asLong(), c.samples());
        assertEquals(r.get("millis").asLong(), c.millis());
      }
      assertEquals("argmax", cands.get(0).source());

      // 3. retrained networks: the recorded selection, accuracy.json, the exported model
      List<Retrained> re = nash.retrain();
      assertEquals(List.of("retrain"), nash.stagesRan());
      List<String> selection = Files.readAllLines(run.resolve("retrain-selection.txt"));
      selection.removeIf(String::isBlank);
      assertEquals(selection, re.stream().map(Retrained::candidateId).toList());
      assertEquals(2, re.size(), "max-candidates 1 + the baseline");
      for (Retrained r : re) {
        JsonNode acc =
            JSON.readTree(run.resolve("candidates/" + r.candidateId() + "/accuracy.json").toFile());
        assertEquals(acc.get("top1").asDouble(), r.top1(), 0);
        assertEquals(acc.get("epochs").asInt(), r.epochs());
        assertTrue(Files.size(Path.of(URI.create(r.modelUri()))) > 0, r.modelUri());
        assertEquals(
            run.resolve("candidates/" + r.candidateId() + "/model.onnx"),
            Path.of(URI.create(r.modelUri())));
      }

      // 4. one hardware result per committed (candidate, device) unit, equal to its result.json
      List<HardwareResult> hw = nash.synthesize();
      assertEquals(List.of("synthesis"), nash.stagesRan());
      Set<String> units = new HashSet<>();
      try (Stream<Path> files = Files.walk(run.resolve("candidates"))) {
        files
            .filter(p -> p.getFileName().toString().equals("result.json"))
            .forEach(
                p -> units.add(run.resolve("candidates").relativize(p.getParent()).toString()));
      }
      assertEquals(
          units,
          new HashSet<>(hw.stream().map(h -> h.candidateId() + "/hw/" + h.device()).toList()));
      assertEquals(2 * re.size(), hw.size(), "every retrained network on both devices: " + hw);
      for (HardwareResult h : hw) {
        JsonNode r =
            JSON.readTree(
                run.resolve("candidates/" + h.candidateId() + "/hw/" + h.device() + "/result.json")
                    .toFile());
        assertEquals("ok", h.status(), h.toString());
        assertEquals(r.get("LUT").asDouble(), h.lut(), 0);
        assertEquals(r.get("BRAM_18K").asDouble(), h.bram18k(), 0);
        assertEquals(r.get("URAM").asDouble(), h.uram(), 0);
        assertEquals(r.get("DSP").asDouble(), h.dsp(), 0);
        assertEquals(r.get("fps").asDouble(), h.fps(), 0);
        assertEquals(r.get("latencyMs").asDouble(), h.latencyMs(), 0);
        assertEquals(r.get("top1").asDouble(), h.top1(), 0);
        assertEquals("retrained", h.accuracySource());
        assertTrue(h.lut() > 0 && h.fps() > 0, h.toString());
      }

      // 5. the front equals front.json
      Front f = nash.front();
      assertEquals(List.of("pareto"), nash.stagesRan());
      JsonNode fj = JSON.readTree(root.resolve("pareto/front.json").toFile());
      assertEquals(fj.get("version").asLong(), f.version());
      assertEquals(fj.get("objectives").asText(), f.objectives());
      assertEquals(hw.size(), f.archiveSize());
      assertEquals(fj.get("hypervolume").asDouble(), f.hypervolume(), 0);
      assertEquals(fj.get("front").size(), f.points().size());
      assertFalse(f.points().isEmpty());
      for (int i = 0; i < f.points().size(); i++) {
        JsonNode p = fj.get("front").get(i);
        Front.Point q = f.points().get(i);
        assertEquals(p.get("id").asText(), q.id());
        assertEquals(q.runId() + "/" + q.candidateId() + "/" + q.device(), q.id());
        assertEquals(p.get("objectives").size(), q.objectives().size());
        p.get("objectives")
            .fields()
            .forEachRemaining(e -> assertEquals(e.getValue().asDouble(), q.value(e.getKey()), 0));
      }
      assertEquals(f.points(), f.ofRun("api"));
      assertTrue(Files.isRegularFile(Path.of(URI.create(f.reportUri()))), f.reportUri());

      // the settings are fixed once a step ran
      IllegalStateException fixed =
          assertThrows(IllegalStateException.class, () -> nash.set("nash.search.epochs", 3));
      assertTrue(
          fixed.getMessage().contains("run api: the settings are fixed"), fixed.getMessage());

      // a second instance on the finished run reads everything back and reruns nothing
      try (NashSearch again =
          NashSearch.on(spark()).store(uri).runId("api").settings(tinyRun()).log(log::add)) {
        assertEquals(s, again.search());
        assertEquals(List.of(), again.stagesRan());
        assertEquals(cands, again.candidates());
        assertEquals(re, again.retrain());
        assertEquals(new HashSet<>(hw), new HashSet<>(again.synthesize()));
        assertEquals(f, again.front());
        assertEquals(List.of(), again.stagesRan());
      }
      // the same from an in-process instance (nothing to run, so it starts no session)
      try (NashSearch inProcess =
          NashSearch.local().store(uri).runId("api").settings(tinyRun()).log(log::add)) {
        assertEquals(hw.size(), inProcess.synthesize().size());
        assertEquals(f, inProcess.front());
        assertEquals(List.of(), inProcess.stagesRan());
      }
      // ... and after the front's files are gone it reruns only the pareto stage
      try (Stream<Path> files = Files.walk(root.resolve("pareto"))) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      try (NashSearch again =
          NashSearch.on(spark()).store(uri).runId("api").settings(tinyRun()).log(log::add)) {
        Front rebuilt = again.front();
        assertEquals(List.of("pareto"), again.stagesRan());
        assertEquals(
            f.points().stream().map(Front.Point::id).toList(),
            rebuilt.points().stream().map(Front.Point::id).toList());
      }

      // other settings on the same run id are refused before anything is written
      byte[] config = Files.readAllBytes(run.resolve("config.json"));
      Map<String, Object> other = tinyRun();
      other.put("nash.search.epochs", 3);
      try (NashSearch changed = NashSearch.on(spark()).store(uri).runId("api").settings(other)) {
        String msg = assertThrows(IllegalArgumentException.class, changed::search).getMessage();
        assertTrue(
            msg.startsWith(
                    "nash.run.id = api: cannot resume with other settings that alter its outputs: ")
                && msg.contains("nash.search.epochs 2 -> 3 (recorded in "),
            msg);
      }
      assertArrayEquals(config, Files.readAllBytes(run.resolve("config.json")));
    }
  }
}
