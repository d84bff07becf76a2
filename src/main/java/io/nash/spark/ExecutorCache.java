package io.nash.spark;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Per-JVM cache of heavy executor-side objects (the built supernet, the opened dataset), keyed by
 * run and shape. Building a DJL supernet per task would dominate a round, so every task of a JVM
 * reuses one. Thread-safe; entries live as long as the JVM (executors end with the application).
 */
public final class ExecutorCache {
  private static final ConcurrentHashMap<String, Object> CACHE = new ConcurrentHashMap<>();

  private ExecutorCache() {}

  /** The cached value for {@code key}, built once by {@code build}. */
  public static <T> T get(String key, Class<T> type, Supplier<T> build) {
    return type.cast(CACHE.computeIfAbsent(key, k -> build.get()));
  }

  /** Drops every entry (tests; a driver that ends a run in a long-lived JVM). */
  public static void clear() {
    CACHE.clear();
  }
}
