package io.nash.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.testutil.S3ProxyServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on s3a:// against a local s3proxy process. */
class S3StoreTest extends StoreContractTest {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer("nash-test");

  @Override
  StoreSpec spec(String name) {
    return new StoreSpec(S3.uri(name), S3.settings());
  }

  @Test
  void objectStoreUsesMarkersAndKeepsCredentialsPrivate() {
    assertFalse(store.atomicRename());
    String dir = RunLayout.hw("r1", "c1", "U250");
    UnitCommitter.commit(store, dir, Map.of("result.json", utf8("{}")));
    CommittedDir unit = UnitCommitter.open(store, dir).orElseThrow();
    // files live under the attempt's own keys
    assertTrue(unit.pathOf("result.json").startsWith(dir + "/" + unit.marker().commitId() + "/"));
    assertFalse(store.spec().toString().contains(S3ProxyServer.CREDENTIAL));
  }
}
