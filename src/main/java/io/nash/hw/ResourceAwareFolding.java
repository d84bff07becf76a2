package io.nash.hw;

import java.util.ArrayList;
import java.util.List;

/**
 * Our resource-aware folding, which FINN lacks: start fully folded (every PE/SIMD at 1, the
 * cheapest RAM style per layer) and repeatedly unfold the current bottleneck (the first node with
 * the most cycles) by one divisor step, choosing among its possible steps (next SIMD, next PE,
 * parallel window; each with its cheapest RAM style and, for MVAU_hls, LUT or DSP multipliers) the
 * one that costs the least budget share per cycle saved and still fits the budget. It stops when
 * the bottleneck cannot be unfolded within the budget, is fully unfolded, or a target fps is
 * reached. Every accepted state fits, so the fps-versus-resources curve it returns is monotone and
 * its last point is the answer.
 *
 * <p>The weight stream is a cost, not a wall: unlike FINN's SetFolding, an MVAU's SIMD is not held
 * to {@code W*SIMD <= mvau_wwidth_max}; a wider stream pays what FINN's formulas charge for it (the
 * LUTs of the SIMD lanes and of LUTRAM weights, the BRAM/URAM of a wider memory), and the memory
 * ({@code mem_mode} and {@code ram_style}) is chosen per step. Only designs FINN v0.10.1 can build
 * are taken: exact divisors; {@link Mvau#buildable()} (an HLS MVAU's widest {@code ap_uint} at most
 * {@link FinnCost#HLS_AP_INT_MAX_W}, which embedded weights keep below the decoupled stream's
 * {@code PE*SIMD*W}); a Pool's sliding window runs at SIMD = the Pool's PE; parallel_window only at
 * SIMD = C. We never pick "distributed" weights for MVAU_rtl, because FINN's RTL model then reports
 * no memory at all (FINN issue #1309). Stateless; thread-safe.
 */
final class ResourceAwareFolding {
  private ResourceAwareFolding() {}

  /** One point of the curve: the design after an accepted step that lowered max cycles. */
  public record Point(long maxCycles, double fps, Resources total) {}

  /** The folded graph, its curve, and whether even the fully folded design fit. */
  public record Result(HwGraph graph, List<Point> curve, boolean fits) {
    public Result {
      curve = List.copyOf(curve);
    }
  }

  /**
   * @param targetFps stop once this fps is reached; 0 or less for the highest fps that fits
   */
  public static Result fold(
      HwGraph g, DspType dsp, Resources budget, double clockNs, double targetFps) {
    int n = g.size();
    HwOp[] ops = new HwOp[n];
    Resources[] res = new Resources[n];
    int[] producer = SetFolding.windowProducers(g);
    int[] poolWindow = new int[n];
    java.util.Arrays.fill(poolWindow, -1);
    int[] windowPool = new int[n];
    java.util.Arrays.fill(windowPool, -1);
    for (int i = 0; i < n; i++) {
      if (g.node(i).op() instanceof Pool) {
        poolWindow[i] = producer[i];
        windowPool[producer[i]] = i;
      }
    }
    Resources total = Resources.ZERO;
    for (int i = 0; i < n; i++) {
      ops[i] = initial(g.node(i).op(), dsp, budget);
      res[i] = ops[i].resources(dsp);
      total = total.plus(res[i]);
    }
    total = restyle(ops, res, total, dsp, budget);
    if (!total.fitsIn(budget)) {
      total = repair(ops, res, total, dsp, budget);
    }
    long[] cyc = new long[n];
    for (int i = 0; i < n; i++) {
      cyc[i] = ops[i].cycles();
    }
    List<Point> curve = new ArrayList<>();
    long max = max(cyc);
    curve.add(new Point(max, FinnCost.fps(clockNs, max), total));
    boolean fits = total.fitsIn(budget);
    long targetCycles = targetFps > 0 ? (long) ((1e9 / clockNs) / targetFps) : 0;
    while (fits) {
      int b = bottleneck(cyc);
      long cycB = cyc[b];
      if (targetFps > 0 && cycB <= targetCycles) {
        break;
      }
      if (windowPool[b] >= 0) {
        b = windowPool[b]; // a Pool's window is unfolded through the Pool's PE
      }
      if (poolWindow[b] >= 0) {
        cycB = Math.max(cyc[b], cyc[poolWindow[b]]);
      }
      int w = poolWindow[b];
      double oldLoad = load(total, budget);
      Resources oldRes = w >= 0 ? res[b].plus(res[w]) : res[b];
      HwOp bestOp = null;
      HwOp bestWin = null;
      double bestScore = Double.POSITIVE_INFINITY;
      Resources rest = total.minus(oldRes);
      for (HwOp cand : steps(ops[b], dsp, budget, rest)) {
        Resources newRes = cand.resources(dsp);
        HwOp win = null;
        long newCycles = cand.cycles();
        if (w >= 0) {
          win = cheapestRam(((Swg) ops[w]).withFold(1, cand.pe(), false), dsp, budget, rest);
          newRes = newRes.plus(win.resources(dsp));
          newCycles = Math.max(newCycles, win.cycles());
        }
        long saved = cycB - newCycles;
        if (saved <= 0) {
          continue;
        }
        Resources after = rest.plus(newRes);
        if (!after.fitsIn(budget)) {
          continue;
        }
        double score = (load(after, budget) - oldLoad) / saved;
        if (score < bestScore) {
          bestScore = score;
          bestOp = cand;
          bestWin = win;
        }
      }
      if (bestOp == null) {
        break;
      }
      total = total.minus(oldRes);
      ops[b] = bestOp;
      res[b] = bestOp.resources(dsp);
      cyc[b] = bestOp.cycles();
      total = total.plus(res[b]);
      if (w >= 0) {
        ops[w] = bestWin;
        res[w] = bestWin.resources(dsp);
        cyc[w] = bestWin.cycles();
        total = total.plus(res[w]);
      }
      long m = max(cyc);
      if (m < max) {
        max = m;
        curve.add(new Point(max, FinnCost.fps(clockNs, max), total));
      } else {
        curve.set(curve.size() - 1, new Point(max, FinnCost.fps(clockNs, max), total));
      }
    }
    return new Result(g.withOps(List.of(ops)), curve, fits);
  }

  private static HwOp initial(HwOp op, DspType dsp, Resources budget) {
    if (op instanceof StreamingMaxPool) {
      return op; // its cycles do not depend on PE
    }
    HwOp f = op.withFold(1, 1, false);
    HwOp c = cheapestRam(f, dsp, budget, Resources.ZERO);
    return c == null ? f : c;
  }

  /** Re-chooses every layer's RAM style given all the others (one pass); returns the new total. */
  private static Resources restyle(
      HwOp[] ops, Resources[] res, Resources total, DspType dsp, Resources budget) {
    for (int i = 0; i < ops.length; i++) {
      if (ops[i] instanceof Mvau || ops[i] instanceof Swg) {
        Resources rest = total.minus(res[i]);
        HwOp c = cheapestRam(ops[i], dsp, budget, rest);
        ops[i] = c == null ? ops[i] : c;
        res[i] = ops[i].resources(dsp);
        total = rest.plus(res[i]);
      }
    }
    return total;
  }

  /**
   * When even the fully folded design overflows the budget (wide weight memories at PE = SIMD = 1
   * use RAM poorly), unfold the memory-heavy layers where that lowers the overflow: wider words
   * fill BRAM and URAM better. Stops when the design fits or no step helps.
   */
  private static Resources repair(
      HwOp[] ops, Resources[] res, Resources total, DspType dsp, Resources budget) {
    double over = overflow(total, budget);
    while (over > 0) {
      int bestI = -1;
      HwOp bestOp = null;
      double bestOver = over;
      for (int i = 0; i < ops.length; i++) {
        if (!(ops[i] instanceof Mvau)) {
          continue;
        }
        Resources rest = total.minus(res[i]);
        for (HwOp cand : jumps((Mvau) ops[i], dsp, budget, rest)) {
          double o = overflow(rest.plus(cand.resources(dsp)), budget);
          if (o < bestOver) {
            bestOver = o;
            bestI = i;
            bestOp = cand;
          }
        }
      }
      if (bestI < 0) {
        break;
      }
      total = total.minus(res[bestI]);
      ops[bestI] = bestOp;
      res[bestI] = bestOp.resources(dsp);
      total = restyle(ops, res, total.plus(res[bestI]), dsp, budget);
      over = overflow(total, budget);
    }
    return total;
  }

  /**
   * Repair candidates of an MVAU: every larger SIMD at the current PE and every larger PE at the
   * current SIMD (each FINN can build), so that a memory can jump to a width that fills URAM or
   * BRAM well even when the single next step does not help yet.
   */
  private static List<HwOp> jumps(Mvau m, DspType dsp, Resources budget, Resources rest) {
    List<HwOp> out = new ArrayList<>();
    for (int simd : Divisors.of(m.mw())) {
      if (simd > m.simd()) {
        addMvau(out, m.withFold(m.pe(), simd, false), dsp, budget, rest);
      }
    }
    for (int pe : Divisors.of(m.mh())) {
      if (pe > m.pe()) {
        addMvau(out, m.withFold(pe, m.simd(), false), dsp, budget, rest);
      }
    }
    return out;
  }

  /**
   * The load of a design: the sum over LUT, BRAM_18K, URAM and DSP of the squared utilisation of
   * the budget. Its increase prices a resource by how full it already is, so the folding spends
   * DSPs once LUTs fill up (and BRAM once URAM fills up) instead of exhausting one resource while
   * another stays idle.
   */
  static double load(Resources t, Resources b) {
    return sq(util(t.lut(), b.lut()))
        + sq(util(t.bram18(), b.bram18()))
        + sq(util(t.uram(), b.uram()))
        + sq(util(t.dsp(), b.dsp()));
  }

  private static double sq(double x) {
    return x * x;
  }

  /** Sum over resources of the share above the budget. */
  static double overflow(Resources t, Resources b) {
    return over(t.lut(), b.lut())
        + over(t.bram18(), b.bram18())
        + over(t.uram(), b.uram())
        + over(t.dsp(), b.dsp());
  }

  private static double over(double v, double cap) {
    if (v <= cap) {
      return 0;
    }
    return cap <= 0 ? 1e9 : v / cap - 1;
  }

  /** Highest utilisation over the four resources. */
  static double pressure(Resources t, Resources b) {
    return Math.max(
        Math.max(util(t.lut(), b.lut()), util(t.bram18(), b.bram18())),
        Math.max(util(t.uram(), b.uram()), util(t.dsp(), b.dsp())));
  }

  private static double util(double v, double cap) {
    if (v <= 0) {
      return 0;
    }
    return cap <= 0 ? 1e9 : v / cap;
  }

  /**
   * The memory for MVAU weights or a window buffer that keeps the highest utilisation of {@code
   * rest} plus this layer lowest (ties: the smaller budget share, then the earlier choice). MVAU
   * choices, in this order: decoupled weights in block RAM, LUTRAM (hls only) or URAM (if the
   * budget has any), then (hls only, {@code WMEM <= 128}) weights embedded in the HLS code, which
   * FINN's model costs as the decoupled LUTRAM but which has no weight stream, so it stays
   * buildable where {@code PE * SIMD * W} exceeds {@link FinnCost#HLS_AP_INT_MAX_W}. Only choices
   * FINN can build ({@link Mvau#buildable()}) are taken; {@code null} if an MVAU has none.
   */
  static HwOp cheapestRam(HwOp op, DspType dsp, Resources budget, Resources rest) {
    List<HwOp> choices = new ArrayList<>();
    if (op instanceof Mvau m) {
      choices.add(m.withMemory(FinnCost.DECOUPLED, "block"));
      if (m.impl() == Impl.HLS) {
        choices.add(m.withMemory(FinnCost.DECOUPLED, "distributed"));
      }
      if (budget.uram() > 0) {
        choices.add(m.withMemory(FinnCost.DECOUPLED, "ultra"));
      }
      if (m.impl() == Impl.HLS && (long) m.mw() * m.mh() / ((long) m.pe() * m.simd()) <= 128) {
        choices.add(m.withMemory(FinnCost.EMBEDDED, "auto"));
      }
      choices.removeIf(c -> !((Mvau) c).buildable());
    } else if (op instanceof Swg) {
      choices.add(op.withRamStyle("distributed"));
      choices.add(op.withRamStyle("block"));
      if (budget.uram() > 0) {
        choices.add(op.withRamStyle("ultra"));
      }
    } else {
      return op;
    }
    HwOp best = null;
    double bestPeak = Double.POSITIVE_INFINITY;
    double bestCost = Double.POSITIVE_INFINITY;
    for (HwOp c : choices) {
      Resources r = c.resources(dsp);
      double peak = pressure(rest.plus(r), budget);
      double cost = r.normalizedCost(budget);
      if (peak < bestPeak - 1e-12 || (Math.abs(peak - bestPeak) <= 1e-12 && cost < bestCost)) {
        bestPeak = peak;
        bestCost = cost;
        best = c;
      }
    }
    return best;
  }

  /** The possible one-step unfoldings of {@code op}, each with its cheapest RAM style. */
  private static List<HwOp> steps(HwOp op, DspType dsp, Resources budget, Resources rest) {
    List<HwOp> out = new ArrayList<>();
    if (op instanceof Mvau m) {
      int simd = Divisors.next(m.mw(), m.simd());
      if (simd > 0) {
        addMvau(out, m.withFold(m.pe(), simd, false), dsp, budget, rest);
      }
      int pe = Divisors.next(m.mh(), m.pe());
      if (pe > 0) {
        addMvau(out, m.withFold(pe, m.simd(), false), dsp, budget, rest);
      }
    } else if (op instanceof Swg s) {
      int simd = Divisors.next(s.c(), s.simd());
      if (simd > 0) {
        out.add(cheapestRam(s.withFold(1, simd, false), dsp, budget, rest));
      } else if (s.impl() == Impl.RTL && !s.parallelWindow() && s.k() > 1 && !s.depthwise()) {
        out.add(cheapestRam(s.withFold(1, s.simd(), true), dsp, budget, rest));
      }
    } else if (op instanceof FmPadding || op instanceof DownSampler) {
      int dim = op instanceof FmPadding p ? p.c() : ((DownSampler) op).c();
      int simd = Divisors.next(dim, op.simd());
      if (simd > 0) {
        out.add(op.withFold(1, simd, false));
      }
    } else if (!(op instanceof StreamingMaxPool || op instanceof StreamingConcat)) {
      int dim = peDim(op);
      int pe = Divisors.next(dim, op.pe());
      if (pe > 0) {
        out.add(op.withFold(pe, 1, false));
      }
    }
    return out;
  }

  /**
   * Adds {@code m} with its cheapest buildable memory; for MVAU_hls once with LUT multipliers
   * ({@code resType = auto}) and once with DSP multipliers, whatever the current one is, so a layer
   * can move back to LUTs when the DSPs fill up.
   */
  private static void addMvau(
      List<HwOp> out, Mvau m, DspType dsp, Resources budget, Resources rest) {
    HwOp lut = cheapestRam(m.impl() == Impl.HLS ? m.withResType("auto") : m, dsp, budget, rest);
    if (lut != null) {
      out.add(lut);
    }
    if (m.impl() == Impl.HLS && budget.dsp() > 0) {
      HwOp d = cheapestRam(m.withResType("dsp"), dsp, budget, rest);
      if (d != null) {
        out.add(d);
      }
    }
  }

  private static int peDim(HwOp op) {
    if (op instanceof Thresholding t) {
      return t.channels();
    } else if (op instanceof AddStreams a) {
      return a.c();
    } else if (op instanceof DuplicateStreams d) {
      return d.c();
    } else if (op instanceof LabelSelect l) {
      return l.labels();
    } else if (op instanceof Pool p) {
      return p.c();
    }
    throw new IllegalStateException("no PE dimension for " + op.opType());
  }

  private static long max(long[] cyc) {
    long m = 0;
    for (long c : cyc) {
      m = Math.max(m, c);
    }
    return m;
  }

  private static int bottleneck(long[] cyc) {
    long m = -1;
    int b = 0;
    for (int i = 0; i < cyc.length; i++) {
      long c = cyc[i];
      if (c > m) {
        m = c;
        b = i;
      }
    }
    return b;
  }
}
