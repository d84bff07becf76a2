package io.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.testutil.S3ProxyServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * Store problems give one line naming the URI, what failed and the setting that fixes it, against
 * real components: the s3proxy server (wrong and missing credentials, a missing bucket), a closed
 * port as S3 endpoint, and a closed port as HDFS namenode. {@code --verbose} adds the stack.
 */
class StoreErrorsTest {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer("errors");

  /** Exit code and stderr of {@code nash ARGS}. */
  private record Outcome(int code, String err) {}

  private static Outcome nash(List<String> args) {
    CommandLine cl = NashCli.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args.toArray(String[]::new));
    return new Outcome(code, err.toString());
  }

  /** {@code pareto refresh} on the store; asserts the one line, then the stack with --verbose. */
  private static void assertOneLine(String uri, Map<String, String> hadoop, String expected) {
    List<String> args = new ArrayList<>(List.of("pareto", "refresh", "--store", uri));
    hadoop.forEach((k, v) -> args.addAll(List.of("--hadoop", k + "=" + v)));
    long t0 = System.nanoTime();
    Outcome plain = nash(args);
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(1, plain.code(), plain.err());
    assertEquals("nash refresh: " + expected + System.lineSeparator(), plain.err());
    assertFalse(plain.err().contains("\tat "), "no stack trace without --verbose");
    assertTrue(seconds < 30, "took " + seconds + " s");
    args.add("--verbose");
    Outcome verbose = nash(args);
    assertEquals(1, verbose.code());
    assertTrue(verbose.err().startsWith("nash refresh: " + expected + System.lineSeparator()));
    assertTrue(verbose.err().contains("\tat org.apache.hadoop."), verbose.err());
    assertTrue(verbose.err().contains("Caused by: "), verbose.err());
  }

  private static Map<String, String> s3(Map<String, String> changes) {
    Map<String, String> m = new java.util.LinkedHashMap<>(S3.settings());
    // one attempt, short timeouts: a failure is reported in seconds, not after minutes of retries
    m.put("fs.s3a.attempts.maximum", "1");
    m.put("fs.s3a.retry.limit", "1");
    m.put("fs.s3a.retry.interval", "10ms");
    m.put("fs.s3a.connection.establish.timeout", "2s");
    m.put("fs.s3a.connection.timeout", "5s");
    changes.forEach(
        (k, v) -> {
          if (v == null) {
            m.remove(k);
          } else {
            m.put(k, v);
          }
        });
    return m;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void missingCredentials() {
    Map<String, String> none = new java.util.HashMap<>();
    none.put("fs.s3a.access.key", null);
    none.put("fs.s3a.secret.key", null);
    assertOneLine(
        S3.uri("x"),
        s3(none),
        "store s3a://errors/x: no AWS credentials found; set --hadoop fs.s3a.access.key=KEY"
            + " --hadoop fs.s3a.secret.key=SECRET, or the environment variables"
            + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
  }

  @Test
  void wrongCredentials() {
    assertOneLine(
        S3.uri("x"),
        s3(Map.of("fs.s3a.secret.key", "wrong")),
        "store s3a://errors/x: access denied by "
            + S3.endpoint()
            + " (credentials wrong or without permission on bucket 'errors'); check --hadoop"
            + " fs.s3a.access.key and fs.s3a.secret.key, or the environment variables"
            + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
  }

  @Test
  void bucketThatDoesNotExist() {
    assertOneLine(
        "s3a://no-such-bucket/x",
        s3(Map.of()),
        "store s3a://no-such-bucket/x: bucket 'no-such-bucket' does not exist at "
            + S3.endpoint()
            + "; create it or fix the bucket in --store (the endpoint is --hadoop"
            + " fs.s3a.endpoint=URL)");
  }

  @Test
  void endpointOnAClosedPort() throws IOException {
    String endpoint = "http://127.0.0.1:" + closedPort();
    assertOneLine(
        S3.uri("x"),
        s3(Map.of("fs.s3a.endpoint", endpoint)),
        "store s3a://errors/x: cannot reach the S3 endpoint "
            + endpoint
            + " (Connection refused); set --hadoop fs.s3a.endpoint=URL (a server other than AWS"
            + " also needs fs.s3a.path.style.access=true)");
  }

  @Test
  void namenodeThatIsDown() throws IOException {
    String nn = "127.0.0.1:" + closedPort();
    assertOneLine(
        "hdfs://" + nn + "/x",
        Map.of("ipc.client.connect.max.retries", "0"),
        "store hdfs://"
            + nn
            + "/x: cannot reach the HDFS namenode "
            + nn
            + " (Connection refused); start it, or name the running one in --store"
            + " hdfs://HOST:PORT/PATH (or --hadoop fs.defaultFS=hdfs://HOST:PORT)");
  }
}
