package io.nash.hw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * FINN v0.10.1's {@code SetFolding} transformation, reproduced step by step (finn-reference.md
 * section 4): a single pass in graph order folding every node independently to reach {@code cycles
 * < target} (strict), trying only exact divisors; MVAU grows SIMD first (reverting the step that
 * makes {@code W*SIMD > mvau_wwidth_max}) and then PE; Pool sets its sliding window's SIMD to its
 * PE; ops it does not handle (FMPadding_rtl, StreamingMaxPool, StreamingConcat) keep their values;
 * then, if the bottleneck still exceeds the target, a second pass with {@code target = max cycles}.
 * No resource model is consulted, as in FINN. Stateless; thread-safe.
 */
public final class SetFolding {
  /** FINN's default {@code mvau_wwidth_max}. */
  public static final int DEFAULT_MVAU_WWIDTH_MAX = 36;

  private SetFolding() {}

  /** {@code target_cycles_per_frame = int((1e9 / clk_ns) / target_fps)}. */
  public static long targetCycles(double clockNs, double targetFps) {
    if (!(targetFps > 0)) {
      throw new IllegalArgumentException("target-fps = " + targetFps + ": must be > 0");
    }
    return (long) ((1e9 / clockNs) / targetFps);
  }

  /** Runs SetFolding on {@code g} and returns the refolded graph. */
  public static HwGraph apply(
      HwGraph g, long targetCycles, int mvauWwidthMax, boolean twoPassRelaxation) {
    if (mvauWwidthMax < 1) {
      throw new IllegalArgumentException("mvau_wwidth_max = " + mvauWwidthMax + ": must be >= 1");
    }
    HwOp[] ops =
        foldOps(
            g.ops().toArray(new HwOp[0]),
            windowProducers(g),
            targetCycles,
            mvauWwidthMax,
            twoPassRelaxation);
    return g.withOps(List.of(ops));
  }

  /** SetFolding on an op array (graph order) with each node's first-input producer. */
  static HwOp[] foldOps(
      HwOp[] base, int[] producer, long targetCycles, int mvauWwidthMax, boolean twoPass) {
    HwOp[] ops = base.clone();
    pass(ops, producer, targetCycles, mvauWwidthMax);
    if (twoPass) {
      long max = Arrays.stream(ops).mapToLong(HwOp::cycles).max().orElse(0);
      if (max > targetCycles) {
        pass(ops, producer, max, mvauWwidthMax);
      }
    }
    return ops;
  }

  /** For each node, the index of the node producing its first input (-1 for the graph input). */
  static int[] windowProducers(HwGraph g) {
    int[] p = new int[g.size()];
    for (HwGraph.Node n : g.nodes()) {
      p[n.index()] = n.inputs().isEmpty() ? -1 : g.producerOf(n.inputs().get(0));
    }
    return p;
  }

  private static void pass(HwOp[] ops, int[] producer, long target, int wwidthMax) {
    for (int i = 0; i < ops.length; i++) {
      HwOp op = ops[i];
      if (op instanceof Mvau m) {
        m = m.withFold(1, 1, false);
        for (int simd : Divisors.of(m.mw())) {
          int prev = m.simd();
          m = m.withFold(1, simd, false);
          if (m.cycles() < target) {
            break;
          }
          if (m.weight().bits() * m.simd() > wwidthMax) {
            m = m.withFold(1, prev, false);
            break;
          }
        }
        ops[i] = optimizePe(m, m.mh(), target);
      } else if (op instanceof Thresholding t) {
        ops[i] = optimizePe(t, t.channels(), target);
      } else if (op instanceof AddStreams a) {
        ops[i] = optimizePe(a, a.c(), target);
      } else if (op instanceof DuplicateStreams d) {
        ops[i] = optimizePe(d, d.c(), target);
      } else if (op instanceof LabelSelect l) {
        ops[i] = optimizePe(l, l.labels(), target);
      } else if (op instanceof Pool p) {
        HwOp folded = optimizePe(p, p.c(), target);
        ops[i] = folded;
        int w = producer[i];
        if (w < 0 || !(ops[w] instanceof Swg swg)) {
          throw new IllegalStateException("Pool at node " + i + " is not fed by a sliding window");
        }
        ops[w] = swg.withFold(1, folded.pe(), false);
      } else if (op instanceof DownSampler d) {
        HwOp f = d.withFold(1, 1, false);
        for (int simd : Divisors.of(d.c())) {
          f = f.withFold(1, simd, false);
          if (f.cycles() < target) {
            break;
          }
        }
        ops[i] = f;
      } else if (op instanceof Swg s && !s.depthwise()) {
        Swg f = s.withFold(1, 1, false);
        for (int simd : Divisors.of(s.c())) {
          f = f.withFold(1, simd, false);
          if (f.cycles() < target) {
            break;
          }
        }
        if (f.impl() == Impl.RTL && f.simd() == f.c() && f.cycles() > target) {
          f = f.withFold(1, f.simd(), true);
        }
        ops[i] = f;
      }
      // FMPadding_rtl, StreamingMaxPool_hls, StreamingConcat_hls, depthwise windows: unchanged
    }
  }

  /** FINN's {@code optimize_attribute_val} on PE: the first divisor with cycles < target. */
  private static HwOp optimizePe(HwOp op, int max, long target) {
    HwOp f = op.withFold(1, op.simd(), false);
    for (int pe : Divisors.of(max)) {
      f = f.withFold(pe, op.simd(), false);
      if (f.cycles() < target) {
        break;
      }
    }
    return f;
  }

  /** Names of ops SetFolding leaves unchanged in {@code g} (FINN warns about each). */
  public static List<String> unhandled(HwGraph g) {
    List<String> l = new ArrayList<>();
    for (HwGraph.Node n : g.nodes()) {
      HwOp op = n.op();
      boolean handled =
          op instanceof Mvau
              || op instanceof Thresholding
              || op instanceof AddStreams
              || op instanceof DuplicateStreams
              || op instanceof LabelSelect
              || op instanceof Pool
              || op instanceof DownSampler
              || (op instanceof Swg s && !s.depthwise());
      if (!handled && !(op instanceof Swg)) {
        l.add(n.name());
      }
    }
    return l;
  }
}
