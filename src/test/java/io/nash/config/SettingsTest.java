package io.nash.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @Test
  void precedenceCliOverJobFileOverDefaults(@TempDir Path dir) throws Exception {
    Path job = dir.resolve("job.yaml");
    Files.writeString(
        job, "nash:\n  search:\n    epochs: 7\n    width: 8\nnash.hw.devices: [U250, KV260]\n");
    Settings s = Settings.load(List.of(job), Map.of("nash.search.epochs", "3"));
    assertEquals(3, s.getInt("nash.search.epochs"));
    assertEquals(8, s.getInt("nash.search.width"));
    assertEquals(64, s.getInt("nash.search.batch-size"));
    assertEquals(List.of("U250", "KV260"), s.getList("nash.hw.devices"));
    assertEquals(0.025, s.getDouble("nash.search.lr"));
    assertEquals("v1", s.getString("nash.search.version"));
  }

  @Test
  void eachKindOfBadValueNamesKeyValueAndAllowed(@TempDir Path dir) throws Exception {
    assertMessage(
        "nash.search.batch-size = 0: must be in 1..65536", Map.of("nash.search.batch-size", "0"));
    assertMessage(
        "nash.search.width = eight: must be an integer", Map.of("nash.search.width", "eight"));
    assertMessage(
        "nash.search.train-portion = 1.5: must be in [0.05, 0.95]",
        Map.of("nash.search.train-portion", "1.5"));
    assertMessage(
        "nash.search.version = v7: must be one of v1, v2, v3, v4",
        Map.of("nash.search.version", "v7"));
    assertMessage(
        "nash.train.baseline = maybe: must be true or false",
        Map.of("nash.train.baseline", "maybe"));
    assertMessage("unknown setting 'nash.search.epoch'", Map.of("nash.search.epoch", "3"));
    Path job = dir.resolve("bad.yaml");
    Files.writeString(job, "nash.spark.path-sampling: sometimes\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Settings.load(List.of(job), Map.of()));
    assertTrue(e.getMessage().startsWith(job.toString()), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains("nash.spark.path-sampling = sometimes: must be one of independent, shared"));
    Files.writeString(job, "nash: [1, 2\n");
    e = assertThrows(IllegalArgumentException.class, () -> Settings.load(List.of(job), Map.of()));
    assertTrue(e.getMessage().contains("cannot read it as YAML"), e.getMessage());
  }

  private static void assertMessage(String expected, Map<String, String> overrides) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Settings.load(List.of(), overrides));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }

  @Test
  void unsetOptionalSettingFailsOnlyWhenRead() {
    Settings s = Settings.defaults();
    assertFalse(s.has("nash.run.id"));
    assertEquals("fallback", s.getString("nash.run.id", "fallback"));
    assertThrows(IllegalStateException.class, () -> s.getString("nash.run.id"));
  }

  @Test
  void confDefaultsFileIsTheGeneratedOne() throws Exception {
    // conf/nash-defaults.yaml documents every setting; regenerate it with
    // `bin/nash settings --defaults > conf/nash-defaults.yaml` when the schema changes.
    String file = Files.readString(Path.of("conf/nash-defaults.yaml"));
    assertEquals(SettingsSchema.defaultsYaml(), file);
    // and loading it as a job file reproduces the defaults
    Settings fromFile = Settings.load(List.of(Path.of("conf/nash-defaults.yaml")), Map.of());
    assertEquals(Settings.defaults().asStrings(), fromFile.asStrings());
  }
}
