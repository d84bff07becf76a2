package io.nash.store;

import java.net.URI;
import java.util.Locale;

/**
 * A store that cannot be opened, with a one-line message naming the store URI, what failed and the
 * {@code --hadoop} setting or environment variable that fixes it: missing or rejected S3
 * credentials, a bucket that does not exist, an S3 endpoint or HDFS namenode that does not answer.
 * The exception chain it was made from is its cause (the CLI prints it with {@code --verbose}).
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What failed. */
  public enum Kind {
    NO_CREDENTIALS,
    ACCESS_DENIED,
    NO_BUCKET,
    ENDPOINT_UNREACHABLE,
    NAMENODE_UNREACHABLE,
    OTHER
  }

  private final String uri;
  private final Kind kind;

  private StoreException(String uri, Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.uri = uri;
    this.kind = kind;
  }

  public String uri() {
    return uri;
  }

  public Kind kind() {
    return kind;
  }

  /** Maps the exception chain of a failed open (or first access) of {@code spec}'s store. */
  public static StoreException opening(StoreSpec spec, Throwable e) {
    String u = spec.uri();
    URI uri = URI.create(u);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String why = innermost(e);
    String head = "store " + u + ": ";
    if (scheme.equals("s3a") || scheme.equals("s3")) {
      String bucket = uri.getHost();
      String endpoint = endpoint(spec, bucket);
      if (has(e, "NoAuthWithAWSException")
          || contains(e, "No AWS Credentials")
          || contains(e, "Unable to load credentials")) {
        return new StoreException(
            u,
            Kind.NO_CREDENTIALS,
            head
                + "no AWS credentials found; set --hadoop fs.s3a.access.key=KEY --hadoop"
                + " fs.s3a.secret.key=SECRET, or the environment variables AWS_ACCESS_KEY_ID and"
                + " AWS_SECRET_ACCESS_KEY",
            e);
      }
      if (has(e, "UnknownStoreException") || contains(e, "NoSuchBucket")) {
        return new StoreException(
            u,
            Kind.NO_BUCKET,
            head
                + "bucket '"
                + bucket
                + "' does not exist at "
                + endpoint
                + "; create it or fix the bucket in --store (the endpoint is --hadoop"
                + " fs.s3a.endpoint=URL)",
            e);
      }
      if (has(e, "java.nio.file.AccessDeniedException")
          || contains(e, "InvalidAccessKeyId")
          || contains(e, "SignatureDoesNotMatch")
          || contains(e, "Status Code: 403")) {
        return new StoreException(
            u,
            Kind.ACCESS_DENIED,
            head
                + "access denied by "
                + endpoint
                + " (credentials wrong or without permission on bucket '"
                + bucket
                + "'); check --hadoop fs.s3a.access.key and fs.s3a.secret.key, or the"
                + " environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
            e);
      }
      if (unreachable(e)) {
        return new StoreException(
            u,
            Kind.ENDPOINT_UNREACHABLE,
            head
                + "cannot reach the S3 endpoint "
                + endpoint
                + " ("
                + why
                + "); set --hadoop fs.s3a.endpoint=URL (a server other than AWS also needs"
                + " fs.s3a.path.style.access=true)",
            e);
      }
    }
    if (scheme.equals("hdfs") && unreachable(e)) {
      String nn =
          uri.getAuthority() != null ? uri.getAuthority() : spec.settings().get("fs.defaultFS");
      return new StoreException(
          u,
          Kind.NAMENODE_UNREACHABLE,
          head
              + "cannot reach the HDFS namenode "
              + nn
              + " ("
              + why
              + "); start it, or name the running one in --store hdfs://HOST:PORT/PATH (or"
              + " --hadoop fs.defaultFS=hdfs://HOST:PORT)",
          e);
    }
    return new StoreException(u, Kind.OTHER, head + "cannot open the store (" + why + ")", e);
  }

  private static String endpoint(StoreSpec spec, String bucket) {
    String e = spec.settings().get("fs.s3a.bucket." + bucket + ".endpoint");
    if (e == null) {
      e = spec.settings().get("fs.s3a.endpoint");
    }
    return e == null || e.isBlank() ? "the AWS S3 endpoint" : e;
  }

  private static boolean unreachable(Throwable e) {
    return has(e, "java.net.ConnectException")
        || has(e, "java.net.NoRouteToHostException")
        || has(e, "java.net.UnknownHostException")
        || has(e, "java.net.SocketTimeoutException")
        || has(e, "org.apache.hadoop.net.ConnectTimeoutException")
        || contains(e, "Connection refused")
        || contains(e, "Unable to execute HTTP request");
  }

  /** Whether a class in the chain has this (simple or full) name or a superclass of it does. */
  private static boolean has(Throwable e, String name) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
        if (c.getName().equals(name) || c.getSimpleName().equals(name)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean contains(Throwable e, String text) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(text)) {
        return true;
      }
    }
    return false;
  }

  /** The deepest message of the chain, on one line and short. */
  private static String innermost(Throwable e) {
    String m = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        m = t.getMessage();
      } else if (m == null) {
        m = t.getClass().getSimpleName();
      }
    }
    m = m.lines().findFirst().orElse("").strip();
    return m.length() > 160 ? m.substring(0, 157) + "..." : m;
  }
}
