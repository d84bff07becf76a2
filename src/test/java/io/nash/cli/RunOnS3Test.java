package io.nash.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.pipeline.PipelineEndToEndTest;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import io.nash.testutil.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nash run} on the tiny pipeline configuration against {@code s3a://} (s3proxy) equals the
 * same run on a {@code file://} store (alpha, candidates, front); then two {@code nash pareto
 * refresh} processes race on the s3a store and leave the one front a single refresh wrote. Slow:
 * two whole runs, about 100 s on 2 cores ({@code mvn -Pslow test}).
 */
@Tag("slow")
class RunOnS3Test {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer("nash-run");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "s3e2e";

  private static List<String> hadoopArgs() {
    List<String> a = new ArrayList<>();
    S3.settings().forEach((k, v) -> a.addAll(List.of("--hadoop", k + "=" + v)));
    return a;
  }

  private static void nashRun(String store, List<String> extra) {
    List<String> args = new ArrayList<>(List.of("run", "--store", store));
    PipelineEndToEndTest.tiny(store, RUN).entrySet().stream()
        .filter(e -> !e.getKey().equals("nash.store"))
        .forEach(e -> args.addAll(List.of("--set", e.getKey() + "=" + e.getValue())));
    args.addAll(List.of("--set", "nash.spark.master=local[2]"));
    args.addAll(extra);
    int code = NashCli.commandLine().execute(args.toArray(String[]::new));
    assertEquals(0, code, "nash " + args);
  }

  /** What a run leaves in its store that must not depend on the store's kind. */
  private record Outcome(byte[] alpha, JsonNode candidates, JsonNode front) {}

  private static Outcome read(Store store) throws Exception {
    assertTrue(store.exists(RunLayout.config(RUN)));
    byte[] alpha = store.get(RunLayout.alpha(RUN)).orElseThrow();
    JsonNode cands = JSON.readTree(RunLayout.candidatesJson(store, RUN).orElseThrow());
    assertTrue(cands.size() >= 2, cands.toString());
    for (JsonNode c : cands) {
      // timings differ between runs; the rest must not
      ((com.fasterxml.jackson.databind.node.ObjectNode) c).remove("millis");
    }
    assertFalse(RunLayout.committedHwResults(store, RUN).isEmpty());
    JsonNode front = JSON.readTree(store.get(RunLayout.FRONT_JSON).orElseThrow()).get("front");
    assertTrue(front.size() > 0, front.toString());
    assertTrue(store.exists(RunLayout.REPORT_HTML));
    return new Outcome(alpha, cands, front);
  }

  @Test
  void runOnS3EqualsTheFileRunAndRacingRefreshesLeaveOneFront(@TempDir Path dir) throws Exception {
    String fileUri = dir.resolve("store").toUri().toString();
    nashRun(fileUri, List.of());
    Outcome onFile;
    try (Store store = Store.open(fileUri, Map.of())) {
      onFile = read(store);
    }
    String s3Uri = S3.uri("store");
    nashRun(s3Uri, hadoopArgs());
    StoreSpec spec = new StoreSpec(s3Uri, S3.settings());
    try (Store store = Store.open(spec, null)) {
      Outcome onS3 = read(store);
      assertArrayEquals(onFile.alpha(), onS3.alpha(), "alpha");
      assertEquals(onFile.candidates(), onS3.candidates());
      assertEquals(onFile.front(), onS3.front());

      // two refresh processes race on a store without a front: both finish, one front remains
      store.delete("pareto");
      assertTrue(store.get(RunLayout.FRONT_JSON).isEmpty());
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  java,
                  "-Xmx512m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  NashCli.class.getName(),
                  "pareto",
                  "refresh",
                  "--store",
                  s3Uri));
      cmd.addAll(hadoopArgs());
      List<Process> procs = new ArrayList<>();
      List<Path> logs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Path log = dir.resolve("refresh" + i + ".log");
        logs.add(log);
        procs.add(
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start());
      }
      // meanwhile every read of the front is either absent or a whole, equal front
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger seen = new AtomicInteger();
      List<String> bad = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread reader =
          new Thread(
              () -> {
                while (!done.get()) {
                  try {
                    Optional<byte[]> f = store.get(RunLayout.FRONT_JSON);
                    if (f.isPresent()) {
                      seen.incrementAndGet();
                      JsonNode front = JSON.readTree(f.get()).get("front");
                      if (!onFile.front().equals(front)) {
                        bad.add(new String(f.get(), StandardCharsets.UTF_8));
                      }
                    }
                  } catch (Exception e) {
                    bad.add(e + " caused by " + e.getCause());
                  }
                }
              });
      reader.start();
      for (int i = 0; i < 2; i++) {
        assertTrue(procs.get(i).waitFor(180, TimeUnit.SECONDS), "refresh " + i + " hangs");
        assertEquals(0, procs.get(i).exitValue(), Files.readString(logs.get(i)));
      }
      done.set(true);
      reader.join();
      assertEquals(List.of(), bad, "a reader saw a partial or different front");
      JsonNode after = JSON.readTree(store.get(RunLayout.FRONT_JSON).orElseThrow());
      assertEquals(onFile.front(), after.get("front"), "equal to a single refresh's front");
      // the front names the one head version, which holds the same front
      String head = after.get("versionObject").asText();
      assertEquals(
          List.of(head.substring(head.lastIndexOf('/') + 1)),
          store.list(RunLayout.FRONT_VERSIONS).stream()
              .filter(n -> !isParentOfAnother(store, n))
              .toList());
      assertEquals(onFile.front(), JSON.readTree(store.get(head).orElseThrow()).get("front"), head);
    }
  }

  /** Whether version {@code name} is listed as a parent by another version. */
  private static boolean isParentOfAnother(Store store, String name) {
    for (String other : store.list(RunLayout.FRONT_VERSIONS)) {
      try {
        JsonNode v = JSON.readTree(store.get(RunLayout.FRONT_VERSIONS + "/" + other).orElseThrow());
        for (JsonNode p : v.get("parents")) {
          if (p.asText().equals(name)) {
            return true;
          }
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return false;
  }
}
