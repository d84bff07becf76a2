package io.nash.config;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The classification of settings that may change on a resume. */
class FreeSettingsTest {
  @Test
  void everyFreeKeyIsASettingAndEverythingElseAltersOutputs() {
    for (String k : FreeSettings.KEYS) {
      assertEquals(k, SettingsSchema.get(k).key(), "a free key must exist in the schema");
      assertFalse(SettingsSchema.altersOutputs(k), k);
    }
    long free =
        SettingsSchema.all().stream().filter(s -> !SettingsSchema.altersOutputs(s.key())).count();
    assertEquals(FreeSettings.KEYS.size(), free);
    assertTrue(SettingsSchema.altersOutputs("nash.search.epochs"));
    assertTrue(SettingsSchema.altersOutputs("nash.run.seed"));
    assertTrue(SettingsSchema.altersOutputs("nash.no-such-key"), "unknown keys alter outputs");
    assertTrue(SettingsSchema.altersOutputs("nash.spark.master.x"), "free keys match exactly");
  }

  @Test
  void changesListEveryDifferingKeySortedWithUnsetValues() {
    List<FreeSettings.Change> c =
        FreeSettings.changes(
            Map.of("b", "1", "a", "x", "same", "s"), Map.of("a", "y", "c", "2", "same", "s"));
    assertEquals(
        List.of(
            new FreeSettings.Change("a", "x", "y"),
            new FreeSettings.Change("b", "1", null),
            new FreeSettings.Change("c", null, "2")),
        c);
    assertEquals("b 1 -> (unset)", c.get(1).toString());
    assertEquals("c (unset) -> 2", c.get(2).toString());
  }
}
