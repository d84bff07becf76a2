package io.nash.spark;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.api.SearchData;
import io.nash.search.api.SearchModel;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-JVM cache of heavy executor-side objects (the built supernet, the opened dataset, the weight
 * replica), keyed by run and shape. Building a DJL supernet per task would dominate a round, so
 * every task of a JVM reuses one; but a sweep of many runs in one application must not keep every
 * run's native-memory supernet for the life of the executor. The cache is therefore bounded: beyond
 * {@value #MAX_ENTRIES_KEY} entries (default {@value #DEFAULT_MAX_ENTRIES}) the least recently used
 * entry that no task holds is dropped, and an entry no task has used for {@value #IDLE_KEY} seconds
 * (default {@value #DEFAULT_IDLE_S}) is dropped. Both are read from the application's Spark
 * settings when the JVM first uses the cache (a run passes {@code
 * nash.spark.executor-cache-entries} and {@code nash.spark.executor-cache-idle-s} there).
 *
 * <p>A value that is {@link AutoCloseable} (the DJL supernet) is closed when its entry is dropped,
 * but never while a task uses it: tasks take a {@link Lease} ({@link #acquire}) for as long as they
 * use the value; the size bound skips leased entries, and an entry that expires or is cleared while
 * leased is closed when its last lease is released. Each value is closed exactly once. Thread-safe.
 */
public final class ExecutorCache {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorCache.class);

  /** Spark setting: most entries per JVM. */
  public static final String MAX_ENTRIES_KEY = "spark.nash.executor-cache.max-entries";

  /** Spark setting: seconds after its last use that an entry is dropped. */
  public static final String IDLE_KEY = "spark.nash.executor-cache.idle-s";

  public static final long DEFAULT_MAX_ENTRIES = 8;
  public static final long DEFAULT_IDLE_S = 900;

  private static volatile Bounded shared;

  private ExecutorCache() {}

  /**
   * A lease on the cached value for {@code key}, built by {@code build} if absent; the value stays
   * open until the lease is closed, even if its entry is evicted meanwhile.
   */
  public static <T> Lease<T> acquire(String key, Class<T> type, Supplier<T> build) {
    return shared().acquire(key, type, build);
  }

  /** The run's model of this JVM, leased for the caller's use (closed only after release). */
  public static Lease<SearchModel> model(String runId, ModelSpec spec) {
    return acquire("model|" + runId + "|" + spec.cacheKey(), SearchModel.class, spec::build);
  }

  /** The opened dataset of this JVM, leased for the caller's use. */
  static Lease<SearchData> data(DataSpec spec) {
    return acquire("data|" + spec.cacheKey(), SearchData.class, spec::open);
  }

  /**
   * The cached value for {@code key}, built by {@code build} if absent, for values that need no
   * closing (plain heap objects): an evicted one is left to the garbage collector, and a caller
   * holding it keeps a valid object. Closeable values must be taken with {@link #acquire}.
   */
  public static <T> T get(String key, Class<T> type, Supplier<T> build) {
    try (Lease<T> l = acquire(key, type, build)) {
      if (l.value() instanceof AutoCloseable) {
        throw new IllegalArgumentException(
            "cache key " + key + ": a closeable value must be leased with acquire()");
      }
      return l.value();
    }
  }

  /**
   * Drops every entry (closing each as soon as no task uses it) and forgets the bounds, so the next
   * use reads them from the then current Spark settings (tests; a driver that ends a run in a
   * long-lived JVM).
   */
  public static void clear() {
    Bounded b;
    synchronized (ExecutorCache.class) {
      b = shared;
      shared = null;
    }
    if (b != null) {
      b.clear();
    }
  }

  private static Bounded shared() {
    Bounded b = shared;
    if (b == null) {
      synchronized (ExecutorCache.class) {
        b = shared;
        if (b == null) {
          SparkEnv env = SparkEnv.get();
          SparkConf conf = env == null ? null : env.conf();
          long max = setting(conf, MAX_ENTRIES_KEY, DEFAULT_MAX_ENTRIES);
          long idle = setting(conf, IDLE_KEY, DEFAULT_IDLE_S);
          b = new Bounded(max, Duration.ofSeconds(idle), Ticker.systemTicker());
          shared = b;
        }
      }
    }
    return b;
  }

  private static long setting(SparkConf conf, String key, long dflt) {
    String v = conf == null ? null : conf.get(key, null);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error
    }
    throw new IllegalArgumentException(key + " = '" + v + "': must be an integer >= 1");
  }

  /** A task's use of a cached value; close it when the task no longer uses the value. */
  public static final class Lease<T> implements AutoCloseable {
    private final Entry entry;
    private final T value;
    private boolean released;

    Lease(Entry entry, T value) {
      this.entry = entry;
      this.value = value;
    }

    public T value() {
      return value;
    }

    /** Releases the lease (once; later calls do nothing). */
    @Override
    public void close() {
      synchronized (this) {
        if (released) {
          return;
        }
        released = true;
      }
      entry.release();
    }
  }

  /**
   * One bounded cache (the JVM's is shared; tests build their own with a fake ticker). Caffeine
   * keeps the entries, their access order and the idle expiry; the size bound is least recently
   * used over the entries no task holds, enforced after every lease and release. (Caffeine's own
   * size policy, W-TinyLFU, admits a new entry only if it is used more often than the one it would
   * evict: in a sweep the new run's supernet lost against the finished run's and was rebuilt for
   * task after task.) Maintenance runs on the calling thread, and with the system ticker also on
   * Caffeine's scheduler, so idle entries go even when no further task comes. An entry in use is
   * never evicted for size, so the bound can be exceeded by entries that running tasks hold.
   */
  static final class Bounded {
    private final long maxEntries;
    private final Cache<String, Entry> cache;
    private final Object sizeLock = new Object();

    Bounded(long maxEntries, Duration idle, Ticker ticker) {
      if (maxEntries < 1) {
        throw new IllegalArgumentException("executor cache size " + maxEntries + ": must be >= 1");
      }
      this.maxEntries = maxEntries;
      Caffeine<Object, Object> b =
          Caffeine.newBuilder().expireAfterAccess(idle).ticker(ticker).executor(Runnable::run);
      if (ticker == Ticker.systemTicker()) {
        b = b.scheduler(Scheduler.systemScheduler());
      }
      this.cache =
          b.<String, Entry>removalListener(
                  (key, entry, cause) -> {
                    if (entry != null) {
                      entry.evict();
                    }
                  })
              .build();
    }

    <T> Lease<T> acquire(String key, Class<T> type, Supplier<T> build) {
      // retained inside the atomic compute: an entry is never evicted between lookup and lease
      Entry e =
          cache
              .asMap()
              .compute(
                  key,
                  (k, old) -> {
                    if (old != null && old.retain()) {
                      return old;
                    }
                    Entry n = new Entry(k, build.get(), this::enforceSize);
                    n.retain();
                    return n;
                  });
      enforceSize();
      try {
        return new Lease<>(e, type.cast(e.value));
      } catch (ClassCastException ex) {
        e.release();
        throw ex;
      }
    }

    /** Drops the least recently used entries no task holds until at most the bound remain. */
    void enforceSize() {
      if (cache.estimatedSize() <= maxEntries) {
        return;
      }
      synchronized (sizeLock) {
        cache.cleanUp(); // brings the access order up to date
        long excess = cache.estimatedSize() - maxEntries;
        if (excess <= 0) {
          return;
        }
        Map<String, Entry> byAge =
            cache.policy().expireAfterAccess().orElseThrow().oldest(Integer.MAX_VALUE);
        for (Map.Entry<String, Entry> old : byAge.entrySet()) {
          if (excess <= 0) {
            break;
          }
          // a task may lease it right after this check: then it closes at that task's release
          if (!old.getValue().leased() && cache.asMap().remove(old.getKey(), old.getValue())) {
            excess--;
          }
        }
      }
    }

    /** Runs pending maintenance (expiry) now. */
    void cleanUp() {
      cache.cleanUp();
    }

    long size() {
      cache.cleanUp();
      return cache.estimatedSize();
    }

    boolean contains(String key) {
      return cache.asMap().containsKey(key);
    }

    void clear() {
      cache.invalidateAll();
      cache.cleanUp();
    }
  }

  /** A cached value with its lease count; closed once, when evicted and no longer leased. */
  static final class Entry {
    private final String key;
    final Object value;
    private final Runnable afterRelease;
    private int leases;
    private boolean evicted;
    private boolean closed;

    Entry(String key, Object value, Runnable afterRelease) {
      this.key = key;
      this.value = value;
      this.afterRelease = afterRelease;
    }

    /** Takes a lease; false if the entry has left the cache (the caller builds a new one). */
    synchronized boolean retain() {
      if (evicted) {
        return false;
      }
      leases++;
      return true;
    }

    synchronized boolean leased() {
      return leases > 0;
    }

    void release() {
      boolean close;
      synchronized (this) {
        if (leases <= 0) {
          throw new IllegalStateException(
              "cache entry " + key + " released more often than leased");
        }
        leases--;
        close = leases == 0 && evicted && !closed;
        closed |= close;
      }
      if (close) {
        closeValue();
      } else if (!evicted()) {
        afterRelease.run(); // an entry over the bound that was in use can go now
      }
    }

    private synchronized boolean evicted() {
      return evicted;
    }

    /** The entry left the cache: close now if unused, else at the last release. */
    void evict() {
      synchronized (this) {
        evicted = true;
        if (leases > 0 || closed) {
          return;
        }
        closed = true;
      }
      closeValue();
    }

    private void closeValue() {
      if (value instanceof AutoCloseable c) {
        try {
          c.close();
          LOG.info("executor cache: closed {}", key);
        } catch (Exception ex) {
          LOG.warn("executor cache: closing " + key + " failed", ex);
        }
      }
    }
  }
}
