package io.nash.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.search.api.ParamLayout;
import io.nash.transport.WeightPatch;
import io.nash.transport.WeightReplica;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weight patches and executor replicas without Spark: every catch-up path gives the same bits. */
class WeightTransportTest {
  // tensors a(2) b(3) c(1) d(2): offsets 0, 2, 5, 6
  private static final ParamLayout LAYOUT =
      new ParamLayout(List.of("a", "b", "c", "d"), new int[] {2, 3, 1, 2});

  @Test
  void diffKeepsChangedTensorsMergesNeighboursAndSeesSignedZero() {
    float[] prev = {1, 2, 3, 4, 5, 6, 0f, 8};
    float[] cur = {1, 2, 3, 9, 7, 6, -0f, 8};
    // a and c unchanged; b changed (offset 2, 3 values); d changed only by 0.0 -> -0.0 (offset 6)
    // -> two ranges [2, 5) and [6, 8); 5 values: 4*5 + 8*2 + 16 = 52 payload bytes
    WeightPatch p = WeightPatch.diff(4, prev, cur, LAYOUT);
    assertArrayEquals(new int[] {2, 6}, p.starts());
    assertArrayEquals(new int[] {3, 2}, p.lengths());
    assertArrayEquals(new float[] {3, 9, 7, -0f, 8}, p.values());
    assertEquals(52, p.payloadBytes());
    // b, c and d all changed: adjacent tensors merge into one range [2, 8)
    float[] all = cur.clone();
    all[5] = 1;
    WeightPatch merged = WeightPatch.diff(5, prev, all, LAYOUT);
    assertArrayEquals(new int[] {2}, merged.starts());
    assertArrayEquals(new int[] {6}, merged.lengths());
    float[] w = prev.clone();
    p.applyTo(w);
    assertArrayEquals(cur, w);
    assertEquals(0, WeightPatch.diff(5, cur, cur, LAYOUT).values().length, "nothing changed");
  }

  @Test
  void badPatchesAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new WeightPatch(1, 8, new int[] {2, 3}, new int[] {2, 1}, new float[3]));
    assertTrue(e.getMessage().contains("range 1 = [3, +1)"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new WeightPatch(1, 8, new int[] {0}, new int[] {2}, new float[3]));
    assertThrows(
        IllegalArgumentException.class,
        () -> WeightPatch.full(0, new float[3]).applyTo(new float[4]));
    assertThrows(IllegalArgumentException.class, () -> new StateBroadcaster(null, LAYOUT, "x", 0));
  }

  @Test
  void aCurrentReplicaReadsOnlyTheNewestDelta() {
    Versions v = new Versions("L", 6, 3);
    WeightReplica r = new WeightReplica();
    assertArrayEquals(v.states.get(2), r.sync(v.source(2)));
    assertEquals(1, r.rebuilds());
    v.reads.clear();
    assertArrayEquals(v.states.get(3), r.sync(v.source(3)));
    assertEquals(List.of("delta 3"), v.reads, "one delta, no base");
    v.reads.clear();
    float[] same = r.sync(v.source(3));
    assertEquals(List.of(), v.reads, "a second task of the same round reads nothing");
    assertSame(same, r.sync(v.source(3)));
  }

  @Test
  void aPushedNewestDeltaSparesEveryBroadcastReadOfACurrentReplica() {
    Versions v = new Versions("L", 6, 3);
    WeightReplica r = new WeightReplica();
    r.sync(v.source(3));
    v.reads.clear();
    WeightPatch pushed = v.deltas.get(4);
    assertArrayEquals(v.states.get(4), r.sync(WeightReplica.withNewest(v.source(4), pushed)));
    assertEquals(List.of(), v.reads, "no broadcast read");
    // two versions behind: the older delta from its broadcast, the newest as pushed
    WeightReplica behind = new WeightReplica();
    behind.sync(v.source(2));
    v.reads.clear();
    assertArrayEquals(v.states.get(4), behind.sync(WeightReplica.withNewest(v.source(4), pushed)));
    assertEquals(List.of("delta 3"), v.reads);
    // a fresh replica still rebuilds from the base (version 3) plus the pushed delta 4
    WeightReplica fresh = new WeightReplica();
    v.reads.clear();
    assertArrayEquals(v.states.get(4), fresh.sync(WeightReplica.withNewest(v.source(4), pushed)));
    assertEquals(List.of("base 3"), v.reads);
    // a patch of another version, or a full state, is refused with both versions named
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> WeightReplica.withNewest(v.source(5), pushed));
    assertTrue(e.getMessage().contains("version 4") && e.getMessage().contains("target version 5"));
    assertThrows(
        IllegalArgumentException.class,
        () -> WeightReplica.withNewest(v.source(4), WeightPatch.full(4, v.states.get(4))));
    assertSame(v.source(4).getClass(), WeightReplica.withNewest(v.source(4), null).getClass());
  }

  @Test
  void staleFreshForeignAndAheadReplicasAllGetTheExactState() {
    Versions v = new Versions("L", 9, 3);
    // fresh: base of the window (version 6 for target 7) plus delta 7
    WeightReplica fresh = new WeightReplica();
    assertArrayEquals(v.states.get(7), fresh.sync(v.source(7)));
    assertEquals(List.of("base 6", "delta 7"), v.reads);
    // two versions behind, inside the window: deltas only
    WeightReplica behind = new WeightReplica();
    behind.sync(v.source(5));
    v.reads.clear();
    assertArrayEquals(v.states.get(7), behind.sync(v.source(7)));
    assertEquals(List.of("delta 6", "delta 7"), v.reads);
    // too far behind (version 1; target 8 keeps deltas 6..8 only): base 6 + deltas 7, 8
    WeightReplica stale = new WeightReplica();
    stale.sync(v.source(1));
    v.reads.clear();
    assertArrayEquals(v.states.get(8), stale.sync(v.source(8)));
    assertEquals(List.of("base 6", "delta 7", "delta 8"), v.reads);
    assertEquals(2, stale.rebuilds());
    // another lineage at the same version number is rebuilt, never patched
    Versions other = new Versions("M", 9, 3);
    assertArrayEquals(other.states.get(8), stale.sync(other.source(8)));
    assertEquals(3, stale.rebuilds());
    // an old attempt after newer rounds: its own state, the replica stays where it was
    assertArrayEquals(other.states.get(4), stale.sync(other.source(4)));
    assertEquals(8, stale.version());
    assertArrayEquals(other.states.get(8), stale.sync(other.source(8)));
  }

  @Test
  void aFailedFetchLeavesNoHalfPatchedReplica() {
    Versions v = new Versions("L", 6, 4);
    WeightReplica r = new WeightReplica();
    r.sync(v.source(2));
    v.failAt = 4;
    assertThrows(IllegalStateException.class, () -> r.sync(v.source(4)));
    v.failAt = -1;
    assertArrayEquals(v.states.get(4), r.sync(v.source(4)));
  }

  /**
   * A driver-side history of versions kept in memory: version k changes tensor (k mod 4) by +k and,
   * every third version, tensor 0 too; the source of target t keeps a base every {@code every}
   * versions and the last {@code every} deltas, as {@link StateBroadcaster} does.
   */
  private static final class Versions {
    final String lineage;
    final int every;
    final List<float[]> states = new ArrayList<>();
    final List<WeightPatch> deltas = new ArrayList<>();
    final List<String> reads = new ArrayList<>();
    int failAt = -1;

    Versions(String lineage, int count, int every) {
      this.lineage = lineage;
      this.every = every;
      float[] w = new float[LAYOUT.total()];
      for (int i = 0; i < w.length; i++) {
        w[i] = i + lineage.charAt(0);
      }
      states.add(w.clone());
      deltas.add(null);
      for (int k = 1; k < count; k++) {
        float[] next = w.clone();
        bump(next, k % 4, k);
        if (k % 3 == 0) {
          bump(next, 0, 0.5f);
        }
        deltas.add(WeightPatch.diff(k, w, next, LAYOUT));
        states.add(next.clone());
        w = next;
      }
    }

    private static void bump(float[] w, int tensor, float by) {
      for (int i = 0; i < LAYOUT.size(tensor); i++) {
        w[LAYOUT.offset(tensor) + i] += by;
      }
    }

    WeightReplica.Source source(long t) {
      long baseV = t - t % every;
      long first = Math.max(1, t - every + 1);
      return new WeightReplica.Source() {
        @Override
        public String lineage() {
          return lineage;
        }

        @Override
        public long target() {
          return t;
        }

        @Override
        public long baseVersion() {
          return baseV;
        }

        @Override
        public WeightPatch base() {
          reads.add("base " + baseV);
          return WeightPatch.full(baseV, states.get((int) baseV));
        }

        @Override
        public long oldestReachable() {
          return first - 1;
        }

        @Override
        public WeightPatch delta(long v) {
          if (v < first || v > t) {
            throw new IllegalArgumentException("delta " + v + " outside " + first + ".." + t);
          }
          if (v == failAt) {
            throw new IllegalStateException("broadcast of delta " + v + " lost");
          }
          reads.add("delta " + v);
          return deltas.get((int) v);
        }
      };
    }
  }
}
