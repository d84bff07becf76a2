package io.nash.testutil;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between an HTTP client (S3A) and a server (s3proxy) that can cut the connection to
 * the server the way a network fault or a stopped server does. It parses the client's HTTP/1.1
 * requests (headers, then a body by Content-Length or chunked encoding) only to count them: {@link
 * #cutAfter cutAfter(n)} forwards the next {@code n} requests and then closes every connection and
 * refuses new ones (each is accepted and closed at once) until {@link #heal}. Started on a loopback
 * port; close it after use. Thread-safe.
 */
public final class CuttingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int allowed = Integer.MAX_VALUE; // requests forwarded before the cut
  private final Thread acceptor;

  public CuttingProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "cutting-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The proxy's endpoint, e.g. {@code http://127.0.0.1:PORT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Requests the proxy has forwarded since the last {@link #heal} or {@link #cutAfter}. */
  public int forwarded() {
    return Math.min(requests.get(), allowed);
  }

  /** Forwards the next {@code n} requests, then cuts every connection until {@link #heal}. */
  public void cutAfter(int n) {
    requests.set(0);
    allowed = n;
  }

  /** Forwards everything again (and restarts the request count). */
  public void heal() {
    requests.set(0);
    allowed = Integer.MAX_VALUE;
  }

  private boolean cut() {
    return requests.get() >= allowed;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      if (cut()) {
        closeQuietly(client);
        continue;
      }
      Thread t = new Thread(() -> serve(client), "cutting-proxy-conn");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket client) {
    Socket upstream = null;
    try {
      upstream = new Socket(targetHost, targetPort);
      open.add(client);
      open.add(upstream);
      Socket up = upstream;
      Thread back =
          new Thread(
              () -> {
                try {
                  up.getInputStream().transferTo(client.getOutputStream());
                } catch (IOException e) {
                  // closed by the cut or by either side
                }
                closeQuietly(client);
              },
              "cutting-proxy-back");
      back.setDaemon(true);
      back.start();
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = up.getOutputStream();
      while (true) {
        byte[] head = readHead(in);
        if (head == null) {
          break; // the client closed its connection
        }
        if (requests.incrementAndGet() > allowed) {
          cutAll();
          break;
        }
        out.write(head);
        forwardBody(new String(head, StandardCharsets.ISO_8859_1), in, out);
        out.flush();
      }
    } catch (IOException e) {
      // a cut or a closed side ends the connection
    } finally {
      closeQuietly(client);
      if (upstream != null) {
        closeQuietly(upstream);
        open.remove(upstream);
      }
      open.remove(client);
    }
  }

  /** The request line and headers up to and including the blank line; null at end of stream. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int last4 = 0; // the last four bytes read, as an int
    while (last4 != 0x0d0a0d0a) {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      b.write(c);
      last4 = (last4 << 8) | c;
    }
    return b.toByteArray();
  }

  private static void forwardBody(String head, InputStream in, OutputStream out)
      throws IOException {
    long length = 0;
    boolean chunked = false;
    for (String line : head.split("\r\n")) {
      String l = line.toLowerCase(Locale.ROOT);
      if (l.startsWith("content-length:")) {
        length = Long.parseLong(l.substring(15).trim());
      } else if (l.startsWith("transfer-encoding:") && l.contains("chunked")) {
        chunked = true;
      }
    }
    if (!chunked) {
      copy(in, out, length);
      return;
    }
    while (true) {
      String sizeLine = readLine(in, out);
      int semi = sizeLine.indexOf(';');
      long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
      if (size == 0) {
        // trailers until the blank line
        while (!readLine(in, out).isEmpty()) {
          // forwarded
        }
        return;
      }
      copy(in, out, size);
      readLine(in, out); // CRLF after the chunk
    }
  }

  /** Reads and forwards one CRLF-terminated line; returns it without the CRLF. */
  private static String readLine(InputStream in, OutputStream out) throws IOException {
    StringBuilder sb = new StringBuilder();
    int prev = -1;
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("end of stream inside a chunked body");
      }
      out.write(c);
      if (prev == '\r' && c == '\n') {
        sb.setLength(sb.length() - 1);
        return sb.toString();
      }
      sb.append((char) c);
      prev = c;
    }
  }

  private static void copy(InputStream in, OutputStream out, long n) throws IOException {
    byte[] buf = new byte[8192];
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) {
        throw new IOException("end of stream inside a body");
      }
      out.write(buf, 0, r);
      n -= r;
    }
  }

  private void cutAll() {
    for (Socket s : open) {
      closeQuietly(s);
    }
    open.clear();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    cutAll();
  }
}
