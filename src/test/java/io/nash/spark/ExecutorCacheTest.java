package io.nash.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bounded executor cache: size and idle bounds, closing once, never while leased. */
class ExecutorCacheTest {

  /** A closeable value that counts its closes and fails when used after closing. */
  static final class Native implements AutoCloseable {
    final String name;
    final AtomicInteger closes = new AtomicInteger();

    Native(String name) {
      this.name = name;
    }

    void use() {
      if (closes.get() != 0) {
        throw new IllegalStateException(name + " used after close");
      }
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  static final class FakeTicker implements Ticker {
    final AtomicLong nanos = new AtomicLong();

    @Override
    public long read() {
      return nanos.get();
    }
  }

  private final FakeTicker ticker = new FakeTicker();
  private final Map<String, List<Native>> built = new ConcurrentHashMap<>();

  private Native build(String key) {
    Native n = new Native(key);
    built
        .computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
        .add(n);
    return n;
  }

  private ExecutorCache.Lease<Native> lease(ExecutorCache.Bounded c, String key) {
    return c.acquire(key, Native.class, () -> build(key));
  }

  @Test
  void reusesTheValueAndClosesNothingWithinTheBound() {
    ExecutorCache.Bounded c = new ExecutorCache.Bounded(2, Duration.ofHours(1), ticker);
    Native first;
    try (ExecutorCache.Lease<Native> l = lease(c, "a")) {
      first = l.value();
    }
    for (int i = 0; i < 5; i++) {
      try (ExecutorCache.Lease<Native> l = lease(c, "a")) {
        assertSame(first, l.value());
      }
    }
    c.cleanUp();
    assertEquals(1, built.get("a").size());
    assertEquals(0, first.closes.get());
  }

  @Test
  void sizeBoundClosesTheLeastRecentlyUsedEntryExactlyOnce() {
    ExecutorCache.Bounded c = new ExecutorCache.Bounded(2, Duration.ofHours(1), ticker);
    lease(c, "a").close();
    lease(c, "b").close();
    lease(c, "a").close(); // b is now the least recently used
    lease(c, "c").close();
    assertEquals(2, c.size());
    assertTrue(c.contains("a"));
    assertFalse(c.contains("b"));
    assertTrue(c.contains("c"));
    assertEquals(0, built.get("a").get(0).closes.get());
    assertEquals(1, built.get("b").get(0).closes.get());
    assertEquals(0, built.get("c").get(0).closes.get());
    lease(c, "d").close(); // a goes
    assertEquals(List.of(1, 1, 0, 0), closes("a", "b", "c", "d"));
    c.clear();
    assertEquals(List.of(1, 1, 1, 1), closes("a", "b", "c", "d"), "each closed exactly once");
  }

  private List<Integer> closes(String... keys) {
    List<Integer> out = new ArrayList<>();
    for (String k : keys) {
      out.add(built.get(k).get(0).closes.get());
    }
    return out;
  }

  @Test
  void anEntryInUseIsNeverClosedAndTheBoundHoldsOnceItIsReleased() {
    ExecutorCache.Bounded c = new ExecutorCache.Bounded(1, Duration.ofHours(1), ticker);
    ExecutorCache.Lease<Native> a1 = lease(c, "a");
    ExecutorCache.Lease<Native> a2 = lease(c, "a");
    assertSame(a1.value(), a2.value());
    ExecutorCache.Lease<Native> b = lease(c, "b");
    // both in use: nothing is evicted, the bound is exceeded for as long as they run
    assertEquals(2, c.size());
    assertEquals(List.of(0, 0), closes("a", "b"));
    b.close();
    // b is free now and a is not: b goes although a is older
    assertEquals(1, c.size());
    assertEquals(List.of(0, 1), closes("a", "b"));
    a1.value().use();
    lease(c, "d").close(); // d is over the bound; a is still leased by a2, so d goes
    assertEquals(List.of(0, 1, 1), closes("a", "b", "d"));
    a1.close();
    a1.close(); // a lease releases once
    a2.close();
    assertEquals(List.of(0, 1, 1), closes("a", "b", "d"));
    lease(c, "e").close(); // a is free and least recently used
    assertEquals(List.of(1, 1, 1, 0), closes("a", "b", "d", "e"));
    assertTrue(c.contains("e"));
    // an evicted key is built anew
    try (ExecutorCache.Lease<Native> l = lease(c, "a")) {
      assertNotSame(built.get("a").get(0), l.value());
      assertEquals(2, built.get("a").size());
    }
  }

  @Test
  void anEntryDroppedWhileInUseIsClosedAtItsLastRelease() {
    ExecutorCache.Bounded c = new ExecutorCache.Bounded(4, Duration.ofHours(1), ticker);
    ExecutorCache.Lease<Native> a1 = lease(c, "a");
    ExecutorCache.Lease<Native> a2 = lease(c, "a");
    c.clear();
    assertFalse(c.contains("a"));
    assertEquals(0, a1.value().closes.get());
    a1.close();
    assertEquals(0, a1.value().closes.get(), "still leased by a2");
    a2.value().use();
    a2.close();
    assertEquals(1, a1.value().closes.get());
    c.clear();
    assertEquals(1, a1.value().closes.get(), "closed once");
  }

  @Test
  void idleEntriesAreClosedAfterTheIdleTime() {
    ExecutorCache.Bounded c = new ExecutorCache.Bounded(10, Duration.ofSeconds(60), ticker);
    lease(c, "a").close();
    ExecutorCache.Lease<Native> held = lease(c, "b");
    ticker.nanos.addAndGet(TimeUnit.SECONDS.toNanos(59));
    c.cleanUp();
    assertTrue(c.contains("a"));
    lease(c, "a").close(); // used again: idle time restarts
    ticker.nanos.addAndGet(TimeUnit.SECONDS.toNanos(59));
    c.cleanUp();
    assertTrue(c.contains("a"));
    assertFalse(c.contains("b"), "b idle for 118 s");
    assertEquals(0, built.get("b").get(0).closes.get(), "b expired but leased");
    held.close();
    assertEquals(1, built.get("b").get(0).closes.get());
    ticker.nanos.addAndGet(TimeUnit.SECONDS.toNanos(61));
    c.cleanUp();
    assertEquals(0, c.size());
    assertEquals(1, built.get("a").get(0).closes.get());
  }

  @Test
  void closeableValuesMustBeLeased() {
    ExecutorCache.clear();
    assertThrows(
        IllegalArgumentException.class,
        () -> ExecutorCache.get("test|closeable", Native.class, () -> new Native("x")));
    assertEquals("plain", ExecutorCache.get("test|plain", String.class, () -> "plain"));
    ExecutorCache.clear();
  }

  @Test
  void concurrentTasksNeverUseAClosedValueAndEveryValueClosesOnce() throws Exception {
    ExecutorCache.Bounded c = new ExecutorCache.Bounded(2, Duration.ofHours(1), ticker);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      fs.add(
          pool.submit(
              () -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                for (int i = 0; i < 2000; i++) {
                  try (ExecutorCache.Lease<Native> l = lease(c, "k" + r.nextInt(5))) {
                    l.value().use();
                    Thread.yield();
                    l.value().use();
                  }
                }
              }));
    }
    for (Future<?> f : fs) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    c.cleanUp();
    assertTrue(c.size() <= 2);
    int open = 0;
    for (List<Native> ns : built.values()) {
      for (Native n : ns) {
        assertTrue(n.closes.get() <= 1, n.name + " closed " + n.closes.get() + " times");
        open += n.closes.get() == 0 ? 1 : 0;
      }
    }
    assertEquals(c.size(), open, "exactly the cached values are open");
    c.clear();
    for (List<Native> ns : built.values()) {
      for (Native n : ns) {
        assertEquals(1, n.closes.get(), n.name);
      }
    }
  }

  @Test
  void aNewRunDisplacesTheIdleEntriesOfTheRunsBeforeIt() {
    // a sweep: each run uses its model and replica for many tasks, then the next run starts; the
    // current run must keep its entries (built once), the finished runs' entries go
    ExecutorCache.Bounded c = new ExecutorCache.Bounded(3, Duration.ofHours(1), ticker);
    for (int run = 0; run < 6; run++) {
      for (int task = 0; task < 200; task++) {
        for (String k : List.of("data", "model" + run, "weights" + run)) {
          try (ExecutorCache.Lease<Native> l = lease(c, k)) {
            l.value().use();
          }
        }
      }
      assertEquals(1, built.get("model" + run).size(), "run " + run + " built its model once");
      assertEquals(1, built.get("weights" + run).size(), "run " + run);
      if (run > 0) {
        assertEquals(1, built.get("model" + (run - 1)).get(0).closes.get(), "run " + (run - 1));
      }
    }
    assertEquals(1, built.get("data").size(), "data shared by every run, built once");
  }
}
