package io.nash.store;

import static org.junit.jupiter.api.Assertions.*;

import io.nash.testutil.CuttingProxy;
import io.nash.testutil.S3ProxyServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on s3a:// against a local s3proxy process, and commits cut by S3 faults. */
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

  /** A hardware-result-like unit: small JSON files, a nested file and a 300 kB binary. */
  private static Map<String, byte[]> unit() {
    byte[] big = new byte[300_000];
    new Random(14).nextBytes(big);
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("result.json", "{\"status\":\"ok\",\"fps\":123.5}".getBytes());
    m.put("report/estimate_layer_resources.json", "{\"total\":{\"LUT\":1}}".getBytes());
    m.put("finn-build/weights.bin", big);
    return m;
  }

  /** S3A through the proxy, failing fast: one attempt, one retry 10 ms later. */
  private static StoreSpec through(CuttingProxy proxy, String prefix) {
    Map<String, String> m = new LinkedHashMap<>(S3.settings());
    m.put("fs.s3a.endpoint", proxy.endpoint());
    m.put("fs.s3a.attempts.maximum", "1");
    m.put("fs.s3a.retry.limit", "1");
    m.put("fs.s3a.retry.interval", "10ms");
    m.put("fs.s3a.retry.throttle.limit", "1");
    m.put("fs.s3a.retry.throttle.interval", "10ms");
    return new StoreSpec(S3.uri(prefix), m);
  }

  /** Commits {@code dir} through the proxy; returns the failure, or null if it committed. */
  private static RuntimeException commit(CuttingProxy proxy, String dir, int cutAfter) {
    proxy.heal();
    Store store = through(proxy, "faults-store").open(); // opening probes the root: not counted
    try {
      if (cutAfter >= 0) {
        proxy.cutAfter(cutAfter);
      }
      UnitCommitter.commit(store, dir, unit());
      return null;
    } catch (RuntimeException e) {
      return e;
    } finally {
      proxy.heal();
      store.close();
    }
  }

  /**
   * The S3 side fails in the middle of a unit commit: a TCP proxy between S3A and s3proxy forwards
   * the first n requests of the commit and then cuts every connection, for every n from 0 to the
   * request count of a whole commit (10). After each cut a reader on a healthy connection sees the
   * unit committed with every file intact or not at all (never a marker without its files, never a
   * damaged file), and a rerun through the healed proxy commits it whole. About 27 s on 2 shared
   * cores.
   */
  @Test
  void aCommitCutAtEveryRequestIsWholeOrAbsentAndTheRerunCompletes() throws Exception {
    URI s3 = URI.create(S3.endpoint());
    List<String> warnings = new CopyOnWriteArrayList<>();
    try (CuttingProxy proxy = new CuttingProxy(s3.getHost(), s3.getPort());
        Store reader =
            Store.open(new StoreSpec(S3.uri("faults-store"), S3.settings()), warnings::add)) {
      // a whole commit through the healthy proxy, to count its requests
      assertNull(commit(proxy, "faults/probe", -1));
      proxy.heal();
      Store counting = through(proxy, "faults-store").open();
      proxy.cutAfter(Integer.MAX_VALUE - 1);
      UnitCommitter.commit(counting, "faults/count", unit());
      int requests = proxy.forwarded();
      counting.close();
      assertTrue(requests >= 4, "a commit of 3 files and a marker: " + requests + " requests");
      System.out.println("S3StoreTest: a whole unit commit makes " + requests + " requests");

      int interrupted = 0;
      int debrisWithoutMarker = 0;
      int orphansAfterRerun = 0;
      List<String> problems = new ArrayList<>();
      for (int n = 0; n <= requests; n++) {
        String dir = "faults/u" + n;
        RuntimeException failure = commit(proxy, dir, n);
        if (failure != null) {
          interrupted++;
        }
        // what a reader on a healthy connection sees now: the whole unit or nothing
        Optional<CommittedDir> seen = UnitCommitter.open(reader, dir);
        if (seen.isPresent()) {
          if (failure != null) {
            // the marker PUT reached s3proxy and only its response was cut: committed, whole
            assertEquals(unit().keySet(), seen.get().names(), dir);
          }
          unit()
              .forEach(
                  (name, bytes) -> {
                    Optional<byte[]> got = seen.get().read(name);
                    if (got.isEmpty() || !java.util.Arrays.equals(bytes, got.get())) {
                      problems.add(dir + "/" + name + ": committed but not whole");
                    }
                  });
        } else {
          assertNotNull(failure, dir + ": the commit returned but the unit has no marker");
          if (!reader.list(dir).isEmpty()) {
            debrisWithoutMarker++; // data objects of the dead attempt, invisible to readers
          }
        }
        // the rerun through the healed proxy completes the unit
        assertNull(commit(proxy, dir, -1), dir + ": rerun failed");
        CommittedDir done =
            UnitCommitter.open(reader, dir).orElseThrow(() -> new AssertionError(dir));
        unit()
            .forEach(
                (name, bytes) ->
                    assertArrayEquals(bytes, done.read(name).orElseThrow(), dir + "/" + name));
        String live = done.marker().prefix();
        orphansAfterRerun +=
            (int)
                reader.list(dir).stream()
                    .filter(e -> !e.equals(CommittedDir.MARKER) && !(e + "/").equals(live))
                    .count();
      }
      assertEquals(List.of(), problems);
      assertEquals(List.of(), warnings, "a reader skipped a damaged object");
      // the sweep did cut commits in the middle: failures, and data written without a marker
      assertTrue(
          interrupted >= requests - 1, interrupted + " of " + requests + " cut commits failed");
      assertTrue(debrisWithoutMarker > 0, "no cut landed between a data PUT and the marker");
      // known limit (README Reliability): a dead attempt's commit-id prefix stays, unreferenced
      assertEquals(debrisWithoutMarker, orphansAfterRerun, "orphan prefixes after the reruns");
      // every unit is listed as committed, and every listed unit reads whole
      List<CommittedDir> listed = UnitCommitter.listCommitted(reader, "faults");
      assertEquals(requests + 3, listed.size(), listed.toString());
    }
  }
}
