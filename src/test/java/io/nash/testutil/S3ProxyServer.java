package io.nash.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A local S3 server for tests: s3proxy (in-memory "transient" provider) started as its own JVM on
 * 127.0.0.1 from the jar the build copies (system property {@code nash.s3proxy.jar}), with one
 * bucket created. Use as {@code @RegisterExtension static final S3ProxyServer S3 = new
 * S3ProxyServer("bucket");} and open stores with {@link #uri} and {@link #settings}. Started once
 * per test class, stopped after it. Not thread-safe to start; safe to read afterwards.
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback {
  public static final String IDENTITY = "test-identity";
  public static final String CREDENTIAL = "test-credential-do-not-log";

  private final String bucket;
  private Process process;
  private int port;
  private Path workDir;

  public S3ProxyServer(String bucket) {
    this.bucket = bucket;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  public void start() throws IOException, InterruptedException {
    String jar = System.getProperty("nash.s3proxy.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "system property nash.s3proxy.jar = "
              + jar
              + ": must name the s3proxy jar (run through mvn)");
    }
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    workDir = Files.createTempDirectory("s3proxy");
    Path props = workDir.resolve("s3proxy.properties");
    Files.writeString(
        props,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + IDENTITY,
            "s3proxy.credential=" + CREDENTIAL,
            "jclouds.provider=transient",
            "jclouds.identity=" + IDENTITY,
            "jclouds.credential=" + CREDENTIAL,
            ""));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process =
        new ProcessBuilder(java, "-Xmx256m", "-jar", jar, "--properties", props.toString())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("s3proxy.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!answers()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "s3proxy exited with "
                + process.exitValue()
                + ": "
                + Files.readString(workDir.resolve("s3proxy.log")));
      }
      if (System.nanoTime() > deadline) {
        stop();
        throw new IllegalStateException("s3proxy did not open port " + port + " within 90 s");
      }
      Thread.sleep(200);
    }
    try (S3Client s3 = client()) {
      s3.createBucket(b -> b.bucket(bucket));
    }
  }

  private boolean answers() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** An SDK client for the server (path-style), e.g. to plant raw objects. Close it. */
  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
        .build();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public String bucket() {
    return bucket;
  }

  /** {@code s3a://<bucket>/<prefix>}. */
  public String uri(String prefix) {
    return "s3a://" + bucket + "/" + prefix;
  }

  /** The S3A settings that reach this server (platform-notes.md). */
  public Map<String, String> settings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("fs.s3a.endpoint", endpoint());
    m.put("fs.s3a.endpoint.region", "us-east-1");
    m.put("fs.s3a.path.style.access", "true");
    m.put("fs.s3a.connection.ssl.enabled", "false");
    m.put("fs.s3a.access.key", IDENTITY);
    m.put("fs.s3a.secret.key", CREDENTIAL);
    m.put(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    m.put("fs.s3a.attempts.maximum", "2");
    m.put("fs.s3a.retry.limit", "2");
    return m;
  }

  public void stop() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
    if (workDir != null) {
      try (var walk = Files.walk(workDir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      workDir = null;
    }
  }
}
