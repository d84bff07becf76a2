package io.nash.hw;

import java.util.concurrent.ConcurrentHashMap;

/** Ascending divisors of n, as FINN's {@code divisors(n)}; cached per n. Thread-safe. */
final class Divisors {
  private static final ConcurrentHashMap<Integer, int[]> CACHE = new ConcurrentHashMap<>();

  private Divisors() {}

  static int[] of(int n) {
    return CACHE.computeIfAbsent(
        n,
        k -> {
          int[] tmp = new int[k];
          int c = 0;
          for (int x = 1; x <= k; x++) {
            if (k % x == 0) {
              tmp[c++] = x;
            }
          }
          return java.util.Arrays.copyOf(tmp, c);
        });
  }

  /** The smallest divisor of n greater than {@code current}, or -1 at n. */
  static int next(int n, int current) {
    for (int d : of(n)) {
      if (d > current) {
        return d;
      }
    }
    return -1;
  }
}
