package io.nash.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.report.Progress;
import io.nash.search.Candidate;
import io.nash.search.CandidateEnumerator;
import io.nash.search.engine.CandidateEngine;
import io.nash.search.engine.CandidateRow;
import io.nash.search.engine.CheckpointStore;
import io.nash.search.engine.EvalSettings;
import io.nash.search.engine.RoundStats;
import io.nash.search.engine.SearchDriver;
import io.nash.search.engine.SearchState;
import io.nash.space.ArchWeights;
import io.nash.space.GenotypeParser;
import io.nash.space.SpaceJson;
import io.nash.spark.HadoopCheckpointStore;
import io.nash.spark.SparkCandidateEngine;
import io.nash.spark.SparkSearch;
import io.nash.store.RunLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Stage 1: the distributed supernet search. Writes {@code checkpoints/} every N epochs (resumable),
 * {@code metrics.jsonl} (one line per epoch: losses, accuracies, images/s, genotype, softmax(alpha)
 * summary and, every {@code nash.search.eval-every} epochs, the one-shot accuracy of that genotype
 * with the epoch's weights, evaluated as the candidate stage evaluates candidates), then {@code
 * supernet.bin} (final weights and alpha), {@code genotype.json} and, last, {@code alpha.json},
 * whose presence marks the stage complete.
 */
public final class SearchStage implements Stage {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "search";
  }

  @Override
  public boolean isComplete(RunContext ctx) {
    return ctx.store().exists(RunLayout.alpha(ctx.runId()))
        && ctx.store().exists(ctx.runPath("supernet.bin"));
  }

  @Override
  public void run(RunContext ctx) throws Exception {
    Map<String, String> hadoop = ctx.storeSpec().settings();
    SearchJob job = SearchJob.of(ctx.settings(), ctx.runId(), hadoop, true);
    ctx.log(
        String.format(
            "search: %s/%s width %d on %dx%dx%d, %d classes; %d epochs x %d rounds (%d weight"
                + " images, %d partitions x batch %d x %d local steps)",
            job.supernet().backbone(),
            job.supernet().version(),
            job.supernet().width(),
            job.supernet().inChannels(),
            job.supernet().imageSize(),
            job.supernet().imageSize(),
            job.supernet().classes(),
            job.epochs(),
            job.roundsPerEpoch(),
            job.weightImages(),
            job.engine().partitions(),
            job.engine().batchSize(),
            job.engine().localSteps()));
    Remembering checkpoints =
        new Remembering(new HadoopCheckpointStore(ctx.store(), ctx.runPath("checkpoints")));
    EpochLog log = new EpochLog(ctx, job, checkpoints);
    SearchDriver.Result r =
        SparkSearch.run(
            ctx.spark(),
            job.engine(),
            job.model(),
            job.data(),
            checkpoints,
            log::round,
            HardwareTerm.of(ctx.settings(), job.supernet()));
    SearchState st = r.state();
    ArchWeights alpha =
        ArchWeights.fromFlat(job.supernet().backbone(), job.supernet().version(), st.alpha());
    ctx.store().put(ctx.runPath("supernet.bin"), st.toBytes());
    ctx.store()
        .put(
            ctx.runPath("genotype.json"),
            SpaceJson.genotypeJson(GenotypeParser.derive(alpha)).getBytes(StandardCharsets.UTF_8));
    ctx.store()
        .put(
            RunLayout.alpha(ctx.runId()),
            SpaceJson.alphaJson(alpha).getBytes(StandardCharsets.UTF_8));
    ctx.log("search: genotype " + GenotypeParser.derive(alpha).compact());
  }

  /**
   * The run's checkpoint store, remembering the state it last committed, so the epoch log reads the
   * epoch's state from memory rather than back from the store (the driver commits before it calls
   * its round listener).
   */
  private static final class Remembering implements CheckpointStore {
    private final CheckpointStore store;
    private SearchState last;

    Remembering(CheckpointStore store) {
      this.store = store;
    }

    @Override
    public void commit(SearchState state) {
      store.commit(state);
      last = state;
    }

    @Override
    public Optional<SearchState> latest() {
      return last != null ? Optional.of(last) : store.latest();
    }
  }

  /** Per-round progress on the console and one metrics line per epoch in the store. */
  private static final class EpochLog {
    private final RunContext ctx;
    private final SearchJob job;
    private final CheckpointStore checkpoints;
    private final Progress progress;
    private final List<String> lines = new ArrayList<>();
    private double tl;
    private double ta;
    private double vl;
    private double va;
    private long images;
    private long nanos;
    private int n;
    private int skippedArch;
    private int skippedWeight;
    private int warmup; // weight-only warm-up rounds of the epoch (no validation figures)

    EpochLog(RunContext ctx, SearchJob job, CheckpointStore checkpoints) {
      this.ctx = ctx;
      this.job = job;
      this.checkpoints = checkpoints;
      this.progress =
          new Progress("search " + ctx.runId(), job.engine().rounds(), System.nanoTime());
      byte[] old = ctx.store().get(ctx.runPath("metrics.jsonl")).orElse(new byte[0]);
      String text = new String(old, StandardCharsets.UTF_8);
      for (String l : text.split("\n")) {
        if (!l.isBlank()) {
          lines.add(l);
        }
      }
    }

    void round(RoundStats s) {
      tl += s.trainLoss();
      ta += s.trainAccuracy();
      if (s.warmup()) {
        warmup++;
      } else {
        vl += s.validLoss();
        va += s.validAccuracy();
      }
      images += s.images();
      nanos += s.wallNanos();
      skippedArch += s.skippedArchSteps();
      skippedWeight += s.skippedWeightSteps();
      n++;
      int done = s.round() + 1;
      ctx.log(
          progress.line(
              done, s.trainLoss(), s.validAccuracy(), s.imagesPerSecond(), System.nanoTime()));
      if (done % job.roundsPerEpoch() == 0 || done == s.rounds()) {
        epochDone(done / job.roundsPerEpoch(), s);
      }
    }

    private void epochDone(int epoch, RoundStats last) {
      try {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("rounds", last.round() + 1);
        m.put("train_loss", tl / n);
        m.put("train_acc", ta / n);
        // over the rounds with architecture steps; null in an epoch of warm-up rounds only
        m.put("valid_loss", n > warmup ? vl / (n - warmup) : null);
        m.put("valid_acc", n > warmup ? va / (n - warmup) : null);
        m.put("warmup_rounds", warmup);
        m.put("images_per_s", images / (nanos / 1e9));
        m.put("weight_lr", last.weightLr());
        m.put("overhead_share", last.overheadShare());
        // rounds whose averaged update was not finite and was not applied (SearchDriver)
        m.put("skipped_arch_steps", skippedArch);
        m.put("skipped_weight_steps", skippedWeight);
        // E_alpha[normalised FINN cost] at the epoch's last round (nash.search.hw.weight > 0), else
        // null
        m.put("hw_expected_cost", Double.isNaN(last.hwCost()) ? null : last.hwCost());
        double seconds = nanos / 1e9;
        double eta = seconds / n * (last.rounds() - last.round() - 1);
        m.put("seconds", seconds);
        m.put("eta_s", eta);
        SearchState st = latestState();
        String oneShot = "";
        if (st != null) {
          ArchWeights alpha =
              ArchWeights.fromFlat(job.supernet().backbone(), job.supernet().version(), st.alpha());
          m.put("genotype", GenotypeParser.derive(alpha).compact());
          m.put("alpha_summary", AlphaSummary.of(alpha));
          int every = ctx.settings().getInt("nash.search.eval-every");
          // only with this epoch's own state (checkpoint-every may leave an older one)
          boolean current = st.nextRound() == last.round() + 1;
          if (every > 0 && current && (epoch % every == 0 || last.round() + 1 == last.rounds())) {
            CandidateRow row = evaluateArgmax(alpha, st.weights());
            m.put("argmax_oneshot_acc", row.ok() ? row.accuracy() : null);
            oneShot =
                row.ok()
                    ? String.format(Locale.ROOT, " | argmax one-shot acc %.3f", row.accuracy())
                    : " | argmax one-shot failed: " + row.error();
          }
        }
        lines.add(JSON.writeValueAsString(m));
        ctx.store()
            .put(
                ctx.runPath("metrics.jsonl"),
                (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        ctx.log(
            String.format(
                "epoch %d/%d: train loss %.4f acc %.3f | %s%s | %.0f img/s | ETA %.0f s | skipped"
                    + " %d/%d | %s",
                epoch,
                job.epochs(),
                tl / n,
                ta / n,
                n > warmup
                    ? String.format(
                        java.util.Locale.ROOT,
                        "valid loss %.4f acc %.3f",
                        vl / (n - warmup),
                        va / (n - warmup))
                    : "warm-up: weights only",
                oneShot,
                images / (nanos / 1e9),
                eta,
                skippedArch,
                skippedWeight,
                m.getOrDefault("genotype", "")));
      } catch (Exception e) {
        ctx.log("metrics: " + e);
      }
      tl = ta = vl = va = 0;
      images = nanos = 0;
      n = skippedArch = skippedWeight = warmup = 0;
    }

    /** The newest committed checkpoint (the engine keeps its state to itself), or null. */
    private SearchState latestState() {
      return checkpoints.latest().orElse(null);
    }

    /**
     * The argmax genotype of {@code alpha} with {@code weights}, one-shot, as a Spark task like the
     * candidate stage's (a failure is a failed row, and the search goes on).
     */
    private CandidateRow evaluateArgmax(ArchWeights alpha, float[] weights) {
      Candidate argmax = CandidateEnumerator.enumerate(alpha, 0, 0, 0).get(0);
      CandidateEngine engine =
          new SparkCandidateEngine(ctx.spark(), ctx.runId(), job.model(), job.data(), 1);
      return engine
          .evaluate(List.of(argmax.request()), weights, EvalSettings.from(ctx.settings()))
          .get(0);
    }
  }
}
