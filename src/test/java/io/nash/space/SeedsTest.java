package io.nash.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedsTest {
  private static final long GAMMA = 0x9E3779B97F4A7C15L;

  @Test
  void mixIsSplitMix64ReferenceOutput() {
    // The reference generator (Vigna, prng.di.unimi.it/splitmix64.c) seeded with 1234567 outputs
    // these five values; mix(state) is its output for the state before each increment.
    long[] expected = {
      Long.parseUnsignedLong("6457827717110365317"),
      Long.parseUnsignedLong("3203168211198807973"),
      Long.parseUnsignedLong("9817491932198370423"),
      Long.parseUnsignedLong("4593380528125082431"),
      Long.parseUnsignedLong("16408922859458223821")
    };
    long state = 1234567;
    for (long e : expected) {
      assertEquals(e, Seeds.mix(state));
      state += GAMMA;
    }
    // seeded with 0, the first output is 0xE220A8397B1DCDAF
    assertEquals(0xE220A8397B1DCDAFL, Seeds.mix(0));
  }

  @Test
  void deriveFoldsThePartsInOrder() {
    // computed independently: h = mix(seed); for each part h = mix(h ^ part)
    assertEquals(0x597DBB25A229E5D9L, Seeds.derive(42, 1, 3, 0));
    assertEquals(0x9052177B303B3A88L, Seeds.derive(42, 1, 3, -1));
    assertEquals(Seeds.mix(Seeds.mix(Seeds.mix(7) ^ 14) ^ 0), Seeds.derive(7, 14, 0));
    assertEquals(0x5FF9B15CC9A0DF49L, Seeds.weightInit(7));
    assertEquals(Seeds.derive(42, 1, 3, 0), Seeds.path(42, 3, 0));
    assertEquals(Seeds.derive(42, 1, 3, -1), Seeds.path(42, 3, Seeds.SHARED));
    assertNotEquals(Seeds.derive(5, 1, 2), Seeds.derive(5, 2, 1));
  }

  @Test
  void everyPurposeAndIndexHasItsOwnStream() {
    Map<String, Long> seeds = new LinkedHashMap<>();
    for (long base : new long[] {0, 1, 42}) {
      for (int i = 0; i < 4; i++) {
        seeds.put("path " + base + "," + i, Seeds.path(base, i, 0));
        seeds.put("path-p " + base + "," + i, Seeds.path(base, 0, i + 1));
        seeds.put("arch " + base + "," + i, Seeds.archPath(base, i));
        seeds.put("weight " + base + "," + i, Seeds.weightPath(base, i));
        seeds.put("data-split " + base + "," + i, Seeds.dataOrder(base, i, 0, 0));
        seeds.put("data-epoch " + base + "," + i, Seeds.dataOrder(base, 0, i + 1, 0));
        seeds.put("data-part " + base + "," + i, Seeds.dataOrder(base, 0, 0, i + 1));
        seeds.put("tensor " + base + "," + i, Seeds.tensorInit(base, i));
        seeds.put("shuffle " + base + "," + i, Seeds.shuffle(base, i));
        seeds.put("synthetic " + base + "," + i, Seeds.synthetic(base, i));
        seeds.put("augmentation " + base + "," + i, Seeds.augmentation(base, i));
      }
      seeds.put("weight-init " + base, Seeds.weightInit(base));
      seeds.put("alpha-init " + base, Seeds.alphaInit(base));
      seeds.put("candidate-samples " + base, Seeds.candidateSamples(base));
      seeds.put("bn-batches " + base, Seeds.bnBatches(base));
    }
    assertEquals(seeds.size(), new HashSet<>(seeds.values()).size(), "distinct seeds: " + seeds);
    // distinct seeds give distinct streams: the first draws of their generators differ too
    Set<Long> firstDraws = new HashSet<>();
    for (long s : seeds.values()) {
      firstDraws.add(new SplittableRandom(s).nextLong());
    }
    assertEquals(seeds.size(), firstDraws.size());
  }
}
