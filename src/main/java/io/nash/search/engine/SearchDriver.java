package io.nash.search.engine;

import io.nash.optim.Adam;
import io.nash.optim.FlatOptimizer;
import io.nash.optim.SgdMomentum;
import io.nash.search.api.ParamLayout;
import io.nash.space.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a data-parallel NASH search round by round, independent of the engine: builds the round's
 * compact state and seeds, lets the {@link RoundEngine} run the tasks, averages their sums, applies
 * SGD-with-momentum to the weights and Adam to alpha, logs progress, and checkpoints. With {@code
 * localSteps = 1} the tasks return gradients and a round is one synchronous step; with more, they
 * return local-SGD deltas and the averaged delta acts as a pseudo-gradient {@code -delta / localLr}
 * for the same optimizers (so momentum 0 reduces to plain delta averaging). A round whose averaged
 * weight or alpha update is not finite leaves that half of the state (and its optimizer) untouched
 * and is counted in {@link RoundStats}. With one partition and {@code localSteps = 1} on {@link
 * LocalRoundEngine} this is exactly the single-process search of nash-method.md section 2. Not
 * thread-safe.
 */
public final class SearchDriver {
  private static final Logger LOG = LoggerFactory.getLogger(SearchDriver.class);

  private final SearchSettings s;
  private final ParamLayout layout;
  private final RoundEngine engine;
  private final CheckpointStore checkpoints; // null: no checkpoints
  private final Consumer<RoundStats> listener;
  private final FlatOptimizer sgd;
  private final FlatOptimizer adam;
  private final ArchCost cost; // null: no hardware term

  public SearchDriver(
      SearchSettings settings,
      ParamLayout layout,
      int alphaSize,
      RoundEngine engine,
      CheckpointStore checkpoints,
      Consumer<RoundStats> listener) {
    this(settings, layout, alphaSize, engine, checkpoints, listener, null);
  }

  /**
   * With a hardware term: each architecture round adds {@code localSteps * hwWeight *
   * cost.gradient(alpha)} to the averaged alpha gradient before Adam. The averaged gradient is the
   * per-sample mean over partitions, i.e. the gradient of one step's mean cross-entropy; with local
   * SGD the pseudo-gradient sums {@code localSteps} such steps, so the term is added that many
   * times (evaluated at the round's alpha). That is the gradient of a per-step loss {@code CE +
   * lambda * E_alpha[cost]}; the term needs no data, so executors stay unchanged.
   */
  public SearchDriver(
      SearchSettings settings,
      ParamLayout layout,
      int alphaSize,
      RoundEngine engine,
      CheckpointStore checkpoints,
      Consumer<RoundStats> listener,
      ArchCost cost) {
    this.cost = cost;
    this.s = settings;
    this.layout = layout;
    this.engine = engine;
    this.checkpoints = checkpoints;
    this.listener = listener == null ? st -> {} : listener;
    this.sgd =
        new FlatOptimizer(
            new SgdMomentum(settings.momentum(), settings.weightDecay()), layout.total());
    this.adam =
        new FlatOptimizer(
            new Adam(
                settings.alphaBeta1(),
                settings.alphaBeta2(),
                Adam.EPS,
                settings.alphaWeightDecay()),
            alphaSize);
  }

  /** What one round produced: the new state, the averaged update it applied, its stats. */
  public record Outcome(
      SearchState state,
      Map<Integer, float[]> weightUpdate,
      float[] alphaUpdate,
      RoundStats stats) {}

  /** The result of {@link #run}: the final state and every round's stats of this invocation. */
  public record Result(SearchState state, List<RoundStats> rounds) {}

  /** Fresh state: the model's initial weights and alpha = 1e-3 * N(0,1) from the run seed. */
  public SearchState initialState(float[] initialWeights, int alphaSize) {
    if (initialWeights.length != layout.total()) {
      throw new IllegalArgumentException(
          "initial weights have "
              + initialWeights.length
              + " values: layout needs "
              + layout.total());
    }
    Random rnd = new Random(Seeds.alphaInit(s.seed()));
    float[] alpha = new float[alphaSize];
    for (int i = 0; i < alpha.length; i++) {
      alpha[i] = (float) (1e-3 * rnd.nextGaussian());
    }
    return new SearchState(
        0,
        s.seed(),
        layout.fingerprint(),
        initialWeights.clone(),
        alpha,
        sgd.state(),
        adam.state());
  }

  /** Runs from {@code fresh} (or from the newest checkpoint when resuming) to the stop round. */
  public Result run(SearchState fresh) {
    SearchState st = fresh;
    if (s.resume() && checkpoints != null) {
      st = checkpoints.latest().orElse(fresh);
      if (st.runSeed() != s.seed() || st.layoutFingerprint() != layout.fingerprint()) {
        throw new IllegalStateException(
            "checkpoint of round "
                + st.nextRound()
                + " belongs to another run (seed or model layout differs): refusing to resume");
      }
      LOG.info("{}: resuming at round {}", s.runId(), st.nextRound());
    }
    sgd.restore(st.weightOptimizer());
    adam.restore(st.alphaOptimizer());
    int stop =
        s.stopAfter() > 0 ? Math.min(s.rounds(), st.nextRound() + s.stopAfter()) : s.rounds();
    List<RoundStats> stats = new ArrayList<>();
    while (st.nextRound() < stop) {
      Outcome o = round(st);
      st = o.state();
      stats.add(o.stats());
      boolean due = s.checkpointEvery() > 0 && st.nextRound() % s.checkpointEvery() == 0;
      if (checkpoints != null && (due || st.nextRound() == s.rounds())) {
        checkpoints.commit(st);
      }
      // after the commit: a listener that reads the newest checkpoint (the per-epoch genotype of
      // the search stage) sees this round's state
      listener.accept(o.stats());
    }
    return new Result(st, stats);
  }

  /** One round from {@code st}; the optimizers must hold {@code st}'s optimizer state. */
  public Outcome round(SearchState st) {
    long t0 = System.nanoTime();
    int r = st.nextRound();
    double lr = Schedules.cosine(s.weightLr(), s.weightLrMin(), r, s.rounds());
    long[] seeds = new long[s.partitions()];
    for (int p = 0; p < seeds.length; p++) {
      int who = s.pathSampling() == PathSampling.SHARED ? Seeds.SHARED : p;
      seeds[p] = Seeds.path(s.seed(), r, who);
    }
    boolean arch = r >= s.warmupRounds(); // warm-up rounds train the weights only
    RoundState rs =
        new RoundState(
            r, st.weights(), st.alpha(), seeds, (float) lr, (float) s.localAlphaLr(), arch);
    GradientSum sum = engine.run(rs, s.rounds());
    long t1 = System.nanoTime();

    boolean deltas = s.localSteps() > 1;
    // One pass over the touched tensors averages them and sums the squares for clipping (in
    // tensor order, one running sum, as Schedules.clipNorm). Any NaN or infinity makes the sum
    // non-finite, while finite floats cannot overflow it in double, so it doubles as the check.
    Map<Integer, float[]> wUpdate = new TreeMap<>();
    double sq = 0;
    for (Map.Entry<Integer, float[]> e : sum.weightSums().entrySet()) {
      float[] g = average(e.getValue(), sum.trainSamples(), deltas, lr);
      for (float x : g) {
        sq += (double) x * x;
      }
      wUpdate.put(e.getKey(), g);
    }
    float[] aUpdate =
        arch ? average(sum.alphaSum(), sum.validSamples(), deltas, s.localAlphaLr()) : null;
    // A half whose averaged update is not finite is skipped, as mixed-precision loss scalers skip
    // overflowing steps, and counted: one NaN would otherwise poison alpha (through Adam's moments)
    // or the weights for the rest of the run, e.g. after a too large learning rate.
    boolean weightsOk = Double.isFinite(sq);
    double hwCost = cost == null ? Double.NaN : cost.expected(st.alpha());
    if (arch && cost != null && s.hwWeight() > 0) {
      double[] g = cost.gradient(st.alpha());
      double f = s.hwWeight() * s.localSteps();
      for (int i = 0; i < aUpdate.length; i++) {
        aUpdate[i] = (float) (aUpdate[i] + f * g[i]);
      }
    }
    boolean alphaOk = !arch || allFinite(aUpdate);
    float[] w = st.weights().clone();
    if (weightsOk) {
      double scale = Schedules.clipScale(Math.sqrt(sq), s.gradClip());
      for (Map.Entry<Integer, float[]> e : wUpdate.entrySet()) {
        int t = e.getKey();
        sgd.update(w, layout.offset(t), e.getValue(), layout.size(t), lr, scale);
      }
    }
    float[] a = st.alpha().clone();
    if (arch && alphaOk) {
      adam.update(a, 0, aUpdate, a.length, s.alphaLr());
    }
    if (!weightsOk || !alphaOk) {
      LOG.warn(
          "{} round {}: non-finite {} update skipped",
          s.runId(),
          r + 1,
          weightsOk ? "alpha" : alphaOk ? "weight" : "weight and alpha");
    }
    SearchState next =
        new SearchState(
            r + 1, st.runSeed(), st.layoutFingerprint(), w, a, sgd.state(), adam.state());
    long t2 = System.nanoTime();

    RoundStats rstats =
        new RoundStats(
            r,
            s.rounds(),
            sum.lossSums()[0] / sum.trainSamples(),
            (double) sum.counters()[0] / sum.trainSamples(),
            arch ? sum.lossSums()[1] / sum.validSamples() : Double.NaN,
            arch ? (double) sum.counters()[1] / sum.validSamples() : Double.NaN,
            sum.trainSamples() + sum.validSamples(),
            t2 - t0,
            t1 - t0,
            t2 - t1,
            sum.computeNanos(),
            sum.maxComputeNanos(),
            sum.taskNanos(),
            sum.tasks(),
            engine.slots(),
            engine.broadcastBytes(rs),
            sum.resultBytes(),
            wUpdate.size(),
            lr,
            alphaOk ? 0 : 1,
            weightsOk ? 0 : 1,
            hwCost);
    log(rstats);
    return new Outcome(next, wUpdate, aUpdate, rstats);
  }

  private void log(RoundStats r) {
    double eta = (r.rounds() - r.round() - 1) * (r.wallNanos() / 1e9);
    LOG.info(
        String.format(
            java.util.Locale.ROOT,
            "%s round %d/%d: loss %.4f acc %.3f | %s%s | %.0f images/s | lr %.5f | %d tensors | ETA"
                + " %.0f s",
            s.runId(),
            r.round() + 1,
            r.rounds(),
            r.trainLoss(),
            r.trainAccuracy(),
            r.warmup()
                ? "warm-up: weights only"
                : String.format(
                    java.util.Locale.ROOT,
                    "arch loss %.4f acc %.3f",
                    r.validLoss(),
                    r.validAccuracy()),
            Double.isNaN(r.hwCost())
                ? ""
                : String.format(java.util.Locale.ROOT, " | E[hw cost] %.4f", r.hwCost()),
            r.imagesPerSecond(),
            r.weightLr(),
            r.touchedTensors(),
            eta));
  }

  private static boolean allFinite(float[] v) {
    for (float x : v) {
      if (!Float.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code sum / n}, or for local-SGD deltas the pseudo-gradient {@code -(sum / n) / localLr} (zero
   * when the local rate is zero, since nothing moved).
   */
  private static float[] average(float[] sum, long n, boolean deltas, double localLr) {
    if (sum == null || n < 1) {
      throw new IllegalStateException("round produced no task results");
    }
    float[] out = new float[sum.length];
    if (deltas && localLr == 0) {
      return out;
    }
    double f = deltas ? -1.0 / (n * localLr) : 1.0 / n;
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (sum[i] * f);
    }
    return out;
  }
}
