package io.nash.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.config.Settings;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.testutil.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume with other settings, on the real search stage: a setting that alters outputs is refused
 * with one line and leaves every byte of the run as it was; a free setting resumes and is recorded
 * beside the unchanged settings.
 */
class ResumeSettingsTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The end-to-end test's tiny run, cut to a 1-epoch width-4 search on one device. */
  static Map<String, String> tiny(String store, String runId) {
    Map<String, String> m = PipelineEndToEndTest.tiny(store, runId);
    m.put("nash.search.width", "4");
    m.put("nash.search.epochs", "1");
    m.put("nash.search.eval-every", "0");
    m.put("nash.hw.devices", "U250");
    return m;
  }

  /** Every file of the store by relative path, as bytes (to compare before and after). */
  static Map<String, String> snapshot(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> w = Files.walk(root)) {
      for (Path p : w.filter(Files::isRegularFile).toList()) {
        out.put(
            root.relativize(p).toString(),
            java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }

  @Test
  void changedOutputSettingsAreRefusedAndFreeOnesResume(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("store");
    String uri = root.toUri().toString();
    Pipeline search = new Pipeline(List.of(new SearchStage()));
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    try (Store store = Store.open(uri, Map.of())) {
      Settings first = Settings.load(List.of(), tiny(uri, "s-s2"));
      assertEquals(
          List.of("search"),
          search.run(Runs.context(first, store, SparkTestBase::spark, log::add), false).ran());
      Map<String, String> before = snapshot(root);
      assertTrue(before.containsKey("runs/s-s2/alpha.json"), before.toString());
      String config = "runs/s-s2/config.json";

      // more epochs and another device list: refused, naming both keys with both values
      Map<String, String> more = tiny(uri, "s-s2");
      more.put("nash.search.epochs", "2");
      more.put("nash.hw.devices", "U250,ZCU104");
      more.put("nash.spark.master", "local[1]"); // free: not in the message
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  Runs.context(
                      Settings.load(List.of(), more), store, SparkTestBase::spark, log::add));
      assertEquals(
          "nash.run.id = s-s2: cannot resume with other settings that alter its outputs:"
              + " nash.hw.devices U250 -> U250,ZCU104, nash.search.epochs 1 -> 2 (recorded in "
              + store.uriOf(config)
              + "); resume with the recorded values, or start a new run with another --run-id",
          e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
      assertEquals(before, snapshot(root), "a refused resume writes nothing");

      // the same through a sweep: the variant fails with that line, nothing is written
      Map<String, String> common = new LinkedHashMap<>(more);
      common.remove("nash.run.id");
      SweepSpec sweep =
          new SweepSpec("s", 1, List.of(), Map.of("nash.run.seed", List.of("2")), common);
      assertEquals("s-s2", sweep.variants().get(0).runId());
      List<SweepRunner.Row> rows =
          SweepRunner.run(
              sweep,
              search,
              x ->
                  Runs.context(
                      Settings.load(List.of(), x.overrides()),
                      store,
                      SparkTestBase::spark,
                      log::add),
              c -> "",
              log::add);
      assertEquals("failed", rows.get(0).status());
      assertEquals("settings: " + e.getMessage(), rows.get(0).detail());
      assertEquals(before, snapshot(root));

      // free settings only: resumes (the search is complete) and records what changed
      Map<String, String> free = tiny(uri, "s-s2");
      free.put("nash.spark.master", "local[1]");
      free.put("nash.nn.threads", "2");
      RunContext ctx =
          Runs.context(Settings.load(List.of(), free), store, SparkTestBase::spark, log::add);
      assertEquals(List.of("search"), search.run(ctx, true).skipped());
      JsonNode c = JSON.readTree(store.get(config).orElseThrow());
      assertEquals(
          "local[*]", c.at("/settings/nash.spark.master").asText(), "settings stay as recorded");
      assertEquals("1", c.at("/settings/nash.nn.threads").asText());
      assertEquals(1, c.get("resumes").size());
      JsonNode changed = c.at("/resumes/0/changed_settings");
      assertEquals(2, changed.size(), changed.toString());
      assertEquals("local[*]", changed.at("/nash.spark.master/from").asText());
      assertEquals("local[1]", changed.at("/nash.spark.master/to").asText());
      assertEquals("1", changed.at("/nash.nn.threads/from").asText());
      assertEquals("2", changed.at("/nash.nn.threads/to").asText());
      Map<String, String> after = snapshot(root);
      after.remove(config);
      Map<String, String> outputs = new TreeMap<>(before);
      outputs.remove(config);
      assertEquals(outputs, after, "outputs untouched");

      // the recorded settings again: config.json is not rewritten
      byte[] once = store.get(config).orElseThrow();
      Runs.context(first, store, SparkTestBase::spark, log::add);
      assertArrayEquals(once, store.get(config).orElseThrow());
      assertTrue(RunLayout.committedRuns(store).contains("s-s2"));
    }
  }
}
