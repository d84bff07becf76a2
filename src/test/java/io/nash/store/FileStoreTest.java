package io.nash.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest extends StoreContractTest {
  @TempDir Path tmp;

  @Override
  StoreSpec spec(String name) {
    return new StoreSpec(tmp.resolve(name).toUri().toString(), Map.of());
  }

  @Test
  void localLayoutIsPlainFilesWithoutTempDebris() throws Exception {
    assertTrue(store.atomicRename());
    UnitCommitter.commit(
        store, RunLayout.hw("r1", "c1", "ZCU104"), Map.of("result.json", utf8("{}")));
    Path unit = Path.of(java.net.URI.create(store.uriOf(RunLayout.hw("r1", "c1", "ZCU104"))));
    try (var names = Files.list(unit)) {
      assertEquals(
          java.util.List.of("_COMMITTED", "result.json"),
          names.map(p -> p.getFileName().toString()).sorted().toList());
    }
    try (var names = Files.list(unit.getParent())) {
      assertEquals(1, names.count()); // the temp folder was renamed, not left behind
    }
  }

  @Test
  void plainPathBecomesFileUri() {
    assertTrue(new StoreSpec("relative-store", Map.of()).uri().startsWith("file:/"));
  }
}
