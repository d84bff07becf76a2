package io.nash.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.space.ArchWeights;
import io.nash.space.Backbone;
import io.nash.space.GenotypeParser;
import io.nash.space.NashVersion;
import io.nash.space.PublishedGenotypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CandidateEnumeratorTest {

  @Test
  void topKEqualsBruteForceOnSmallTables() {
    Random rnd = new Random(4);
    for (int trial = 0; trial < 20; trial++) {
      double[][] scores = new double[3][];
      for (int n = 0; n < 3; n++) {
        scores[n] = new double[1 + rnd.nextInt(4)];
        for (int i = 0; i < scores[n].length; i++) {
          scores[n][i] = -rnd.nextInt(6) * 0.5; // ties on purpose
        }
        java.util.Arrays.sort(scores[n]);
        for (int i = 0; i < scores[n].length / 2; i++) { // descending
          double t = scores[n][i];
          scores[n][i] = scores[n][scores[n].length - 1 - i];
          scores[n][scores[n].length - 1 - i] = t;
        }
      }
      List<int[]> all = new ArrayList<>();
      for (int a = 0; a < scores[0].length; a++) {
        for (int b = 0; b < scores[1].length; b++) {
          for (int c = 0; c < scores[2].length; c++) {
            all.add(new int[] {a, b, c});
          }
        }
      }
      all.sort(
          Comparator.<int[]>comparingDouble(r -> -CandidateEnumerator.score(scores, r))
              .thenComparing(java.util.Arrays::compare));
      int k = Math.min(5, all.size());
      List<int[]> top = CandidateEnumerator.topK(scores, k);
      assertEquals(k, top.size());
      for (int i = 0; i < k; i++) {
        assertArrayEquals(all.get(i), top.get(i), "trial " + trial + " rank " + i);
      }
    }
  }

  @Test
  void uniformAlphaGivesTheKnownLogProbability() {
    // V4: 4 ops, uniform p = 1/4 on every edge; 16 nodes -> log P = 16 * ln(1/4) = -22.1807
    ArchWeights zero = ArchWeights.fromFlat(Backbone.RESNET18, NashVersion.V4, new float[40 * 4]);
    double lp = CandidateEnumerator.logProb(zero, PublishedGenotypes.V4);
    assertEquals(16 * Math.log(0.25), lp, 1e-12);
  }

  @Test
  void argmaxFirstThenDistinctTopKAndSamplesDeterministically() {
    ArchWeights alpha = peaked(9);
    List<Candidate> c = CandidateEnumerator.enumerate(alpha, 5, 6, 3);
    assertEquals(GenotypeParser.derive(alpha), c.get(0).genotype());
    assertEquals(c.size(), c.stream().map(Candidate::genotype).distinct().count());
    assertEquals(1 + 5 - 1 + 6, c.size(), "top-1 equals argmax for parse, so it is deduplicated");
    assertEquals("top-2", c.get(1).source());
    for (int i = 1; i < 5; i++) {
      assertTrue(c.get(i).logProb() <= c.get(i - 1).logProb() + 1e-12, "top-k in order");
    }
    assertTrue(c.get(5).source().startsWith("sample-"));
    assertEquals(c, CandidateEnumerator.enumerate(alpha, 5, 6, 3));
    assertTrue(!c.equals(CandidateEnumerator.enumerate(alpha, 5, 6, 4)), "seed matters");
  }

  @Test
  void negativeCountsAreRefusedWithTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CandidateEnumerator.enumerate(peaked(1), -1, 0, 0));
    assertTrue(e.getMessage().contains("nash.candidates.top-k = -1"));
  }

  private static ArchWeights peaked(long seed) {
    Random r = new Random(seed);
    float[] a = new float[40 * 4];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (2 * r.nextGaussian());
    }
    return ArchWeights.fromFlat(Backbone.RESNET18, NashVersion.V4, a);
  }
}
