package io.nash.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The benchmark's summary statistics: known answers. */
class RoundBenchmarkTest {

  @Test
  void quantilesInterpolateLinearlyBetweenSortedNeighbours() {
    double[] x = {0.10, 0.20, 0.30, 0.50};
    assertEquals(0.10, RoundBenchmark.quantile(x, 0), 0);
    assertEquals(0.50, RoundBenchmark.quantile(x, 1), 0);
    // median of four: halfway between the 2nd and 3rd
    assertEquals(0.25, RoundBenchmark.quantile(x, 0.5), 1e-12);
    // p90: position 0.9 * 3 = 2.7, 70 % of the way from 0.30 to 0.50
    assertEquals(0.44, RoundBenchmark.quantile(x, 0.9), 1e-12);
    assertEquals(0.7, RoundBenchmark.quantile(new double[] {0.7}, 0.9), 0);
  }
}
