package io.nash.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.config.Settings;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's config.json records the versions the engine reports, not remembered ones. */
class RunConfigTest {
  @Test
  void provenanceNamesTheLoadedEngineVersions(@TempDir Path dir) throws Exception {
    Settings s = Settings.defaults().with(Map.of("nash.run.id", "prov"));
    try (Store store = Store.open(dir.toUri().toString(), Map.of())) {
      Runs.context(
          s,
          store,
          () -> {
            throw new AssertionError("writing config.json must not start Spark");
          },
          line -> {});
      JsonNode c = new ObjectMapper().readTree(store.get(RunLayout.config("prov")).orElseThrow());
      JsonNode prov = c.get("provenance");
      String pytorch = Engine.getEngine("PyTorch").getVersion();
      assertFalse(pytorch.isBlank());
      assertEquals(pytorch, prov.get("pytorch").asText());
      assertEquals(Engine.getDjlVersion(), prov.get("djl").asText());
      assertEquals("prov", c.get("settings").get("nash.run.id").asText());
    }
  }
}
