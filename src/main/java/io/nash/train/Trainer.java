package io.nash.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.data.Augmentation;
import io.nash.data.Batch;
import io.nash.data.Batches;
import io.nash.nn.child.ChildConfig;
import io.nash.nn.child.ChildNetwork;
import io.nash.nn.quant.Param;
import io.nash.report.Progress;
import io.nash.space.Architecture;
import io.nash.space.Seeds;
import io.nash.space.SpaceJson;
import io.nash.store.Store;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains one quantized child network (nash-method.md section 4) from scratch or from given weights
 * and writes {@code <outDir>/metrics.jsonl} (one JSON line per epoch), {@code
 * <outDir>/checkpoint/epoch-<n>/} (committed each epoch) and finally {@code <outDir>/result.json},
 * all through the {@link Store} (any Hadoop URI).
 *
 * <p>Design note. Every random draw derives from the settings' seed: initial weights from the seed,
 * the epoch's batch order from (seed, epoch) and its augmentation from {@link
 * Seeds#augmentation}(seed, epoch). Parameters and the optimizer's slots are restored exactly from
 * a checkpoint, the learning rate is a function of the global step, so a resumed run repeats the
 * uninterrupted run's arithmetic (the child network's ops are deterministic on CPU). The optimizer
 * runs in Java on float copies of the tensors (cheap next to the forward/backward pass), because
 * DJL's own optimizers cannot save their moments. Each step runs in its own sub-manager and {@link
 * NDScope}; gradients accumulate in DJL's PyTorch engine, so they are zeroed after every step.
 *
 * <p>One instance per run; not thread-safe, and at most one training per JVM at a time (DJL's
 * PyTorch autograd is process-wide).
 */
public final class Trainer {
  /** Prefix of network tensors in a checkpoint. */
  public static final String NET_PREFIX = "net/";

  /** Prefix of optimizer slots in a checkpoint. */
  static final String OPT_PREFIX = "opt/";

  /** Seconds between progress lines inside an epoch. */
  private static final double STEP_REPORT_SECONDS = 60;

  private static final ObjectMapper LINE = new ObjectMapper();

  private final TrainSettings settings;
  private final Architecture architecture;
  private final Store store;
  private final String outDir;
  private Map<String, float[]> initialWeights = Map.of();
  private PrintStream console = System.out;
  private int stopAfter = Integer.MAX_VALUE;

  /**
   * @param outDir store-relative output folder, e.g. {@code runs/<id>/train/<cand>}
   */
  public Trainer(TrainSettings settings, Architecture architecture, Store store, String outDir) {
    this.settings = settings;
    this.architecture = architecture;
    this.store = store;
    this.outDir = outDir;
  }

  /**
   * Starts from these tensors (e.g. search weights) instead of the seeded initialization, matched
   * by name ({@link ChildNetwork#load} non-strict); tensors absent from the map keep their seeded
   * values. Ignored when resuming from a checkpoint.
   */
  public Trainer initialWeights(Map<String, float[]> weights) {
    this.initialWeights = Map.copyOf(weights);
    return this;
  }

  /** Where progress lines go (System.out by default; null for none). */
  public Trainer console(PrintStream out) {
    this.console = out;
    return this;
  }

  /** Tests only: return right after committing this epoch's checkpoint, as a crash would. */
  Trainer stopAfter(int epoch) {
    this.stopAfter = epoch;
    return this;
  }

  /** {@code runs/<run>/train/<cand>}: the retraining output folder of one candidate. */
  public static String candidateDir(String runId, String candidateId) {
    return io.nash.store.RunLayout.run(runId)
        + "/train/"
        + io.nash.store.RunLayout.checkId("candidate id", candidateId);
  }

  /**
   * Trains on {@code data}; with {@code resume}, continues from the newest complete checkpoint in
   * the output folder (if any) and fails if that checkpoint's settings differ from these.
   */
  public TrainResult run(TrainData data, boolean resume) {
    Provenance.applyThreads(settings.threads());
    ChildConfig cfg =
        new ChildConfig(
            architecture,
            settings.quantSpec(),
            settings.width(),
            data.inputShape(),
            data.classes());
    if (data.train().size() < settings.batchSize()) {
      throw new IllegalArgumentException(
          "nash.train.batch-size = "
              + settings.batchSize()
              + ": must be <= the "
              + data.train().size()
              + " training images (the last short batch is dropped)");
    }
    try (NDManager base = NDManager.newBaseManager();
        ChildNetwork net = ChildNetwork.build(cfg, base, settings.seed())) {
      List<Param> trainable = net.trainableParams();
      int[] sizes = trainable.stream().mapToInt(p -> (int) p.array().size()).toArray();
      ParamOptimizer opt = ParamOptimizer.create(settings, sizes);
      int startEpoch = 0;
      double priorSeconds = 0;
      long priorImages = 0;
      List<String> metrics = new ArrayList<>();
      Checkpoint ck = resume ? Checkpoint.newest(store, outDir).orElse(null) : null;
      if (ck != null) {
        checkSameRun(ck.meta());
        net.load(ck.withPrefix(NET_PREFIX), true);
        opt.restore(ck.withPrefix(OPT_PREFIX), ck.meta().optimizerSteps());
        startEpoch = ck.meta().epoch();
        priorSeconds = ck.meta().trainSeconds();
        priorImages = ck.meta().trainImages();
        metrics.addAll(ck.meta().metrics());
        say("resuming " + store.uriOf(outDir) + " after epoch " + startEpoch);
      } else if (!initialWeights.isEmpty()) {
        say("initial weights: " + net.load(initialWeights, false) + " tensors loaded");
      }
      say("training " + net.config().architecture() + ", " + net.stats());
      int steps = Batches.count(data.train().size(), settings.batchSize(), true);
      long totalSteps = (long) steps * settings.epochs();
      Augmentation aug =
          settings.cropPadding() > 0 || settings.flip()
              ? new Augmentation(settings.cropPadding(), settings.flip(), data.norm().zeroPixel())
              : null;
      long t0 = System.nanoTime();
      Progress progress =
          new Progress(
              architecture.label() + " epoch" + (startEpoch > 0 ? " (resumed)" : ""),
              Math.max(1, settings.epochs() - startEpoch),
              t0);
      Evaluation last = null;
      for (int epoch = startEpoch; epoch < settings.epochs(); epoch++) {
        long e0 = System.nanoTime();
        EpochStats es = trainEpoch(net, opt, data, aug, epoch, totalSteps);
        double trainSec = (System.nanoTime() - e0) / 1e9;
        last = Evaluator.evaluate(net, data.test(), settings.batchSize());
        priorSeconds += trainSec;
        priorImages += es.images;
        metrics.add(metricsLine(epoch + 1, es, trainSec, last));
        store.put(
            outDir + "/metrics.jsonl",
            (String.join("\n", metrics) + "\n").getBytes(StandardCharsets.UTF_8));
        checkpoint(net, opt, data, epoch + 1, priorSeconds, priorImages, metrics);
        if (console != null) {
          console.println(
              progress.line(
                      epoch + 1 - startEpoch,
                      es.lossSum / es.images,
                      (double) es.hits / es.images,
                      es.images / trainSec,
                      System.nanoTime())
                  + String.format(
                      java.util.Locale.ROOT,
                      " | test top1 %.2f%% top5 %s",
                      100 * last.top1(),
                      last.top5() == null
                          ? "n/a"
                          : String.format(java.util.Locale.ROOT, "%.2f%%", 100 * last.top5())));
        }
        if (epoch + 1 >= stopAfter) {
          return null;
        }
      }
      if (last == null) {
        last = Evaluator.evaluate(net, data.test(), settings.batchSize());
      }
      TrainResult r =
          TrainResult.of(
              settings,
              architecture,
              last,
              priorSeconds,
              priorImages,
              data.train().size(),
              Provenance.current());
      store.putJson(outDir + "/result.json", r);
      return r;
    }
  }

  private void checkSameRun(Checkpoint.Meta m) {
    Map<String, String> mine = new LinkedHashMap<>(settings.asMap());
    Map<String, String> theirs = new LinkedHashMap<>(m.settings());
    String was = theirs.get("nash.train.epochs");
    if (!String.valueOf(settings.epochs()).equals(was)) {
      // Training longer continues exactly only where no rate depends on the total: the step and
      // constant schedules; then the result equals an uninterrupted run of the new total.
      boolean cosine = settings.schedule() == TrainSettings.Schedule.COSINE;
      if (cosine || settings.epochs() < m.epoch()) {
        throw new IllegalArgumentException(
            "resume of "
                + store.uriOf(outDir)
                + ": nash.train.epochs "
                + was
                + " -> "
                + settings.epochs()
                + (cosine
                    ? ": the cosine schedule spans all epochs, so the epochs already trained would"
                        + " differ; keep "
                        + was
                        + " or train into another output folder (the step and constant schedules"
                        + " may grow)"
                    : ": its checkpoint already holds epoch " + m.epoch()));
      }
    }
    // epochs may grow on resume (train longer, above); threads do not change the arithmetic's
    // meaning
    for (String k : List.of("nash.train.epochs", "nash.train.threads")) {
      mine.remove(k);
      theirs.remove(k);
    }
    if (!mine.equals(theirs)
        || !SpaceJson.architectureJson(architecture).equals(m.architectureJson())) {
      throw new IllegalArgumentException(
          "resume of "
              + store.uriOf(outDir)
              + ": its checkpoint was written with other settings or another architecture ("
              + theirs
              + ", "
              + m.architectureJson()
              + "); use another output folder or the same settings");
    }
  }

  /** Sums of one epoch. */
  private record EpochStats(double lossSum, long hits, long images, double lr) {}

  private EpochStats trainEpoch(
      ChildNetwork net,
      ParamOptimizer opt,
      TrainData data,
      Augmentation aug,
      int epoch,
      long totalSteps) {
    List<Param> trainable = net.trainableParams();
    NDManager parent = trainable.get(0).array().getManager();
    int classes = net.config().classes();
    SplittableRandom augRng = new SplittableRandom(Seeds.augmentation(settings.seed(), epoch));
    Iterator<Batch> it = data.train().batches(settings.batchSize(), true, settings.seed(), epoch);
    int steps = Batches.count(data.train().size(), settings.batchSize(), true);
    double lossSum = 0;
    long hits = 0;
    long images = 0;
    double lr = 0;
    long e0 = System.nanoTime();
    long lastReport = e0;
    for (int k = 0; it.hasNext(); k++) {
      Batch b = it.next();
      if (aug != null) {
        b = aug.apply(b, augRng);
      }
      lr = LrSchedule.at(settings, opt.steps(), epoch, totalSteps);
      try (NDManager sub = parent.newSubManager();
          NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray x = sub.create(b.x(), new Shape(b.nchw()));
        NDArray logits;
        NDArray loss;
        io.nash.nn.Autograd.LOCK.lock(); // one gradient recording per JVM (see Autograd)
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          logits = net.forward(x, true);
          loss = Losses.crossEntropy(logits, b.y(), settings.labelSmoothing());
          gc.backward(loss);
        } finally {
          io.nash.nn.Autograd.LOCK.unlock();
        }
        float l = loss.getFloat();
        if (!Float.isFinite(l)) {
          throw new IllegalStateException(
              "training diverged: loss " + l + " at epoch " + (epoch + 1) + " step " + (k + 1));
        }
        lossSum += (double) l * b.size();
        hits += TopK.hits(logits.toFloatArray(), classes, b.y(), 1);
        images += b.size();
        List<float[]> ps = new ArrayList<>(trainable.size());
        List<float[]> gs = new ArrayList<>(trainable.size());
        for (int i = 0; i < trainable.size(); i++) {
          NDArray g = trainable.get(i).array().getGradient();
          gs.add(g.toFloatArray());
          // PyTorch accumulates gradients: clear them in place. Not with set(float[]): DJL's set
          // swaps the tensor's storage for a Java buffer owned by this short-lived wrapper, which
          // is freed after the step while the gradient still points at it (native crashes).
          g.muli(0);
          ps.add(trainable.get(i).values());
        }
        opt.step(ps, gs, lr);
        for (int i = 0; i < trainable.size(); i++) {
          trainable.get(i).load(ps.get(i));
        }
      }
      long now = System.nanoTime();
      if (console != null && (now - lastReport) / 1e9 >= STEP_REPORT_SECONDS) {
        lastReport = now;
        console.println(
            new Progress("  epoch " + (epoch + 1) + " step", steps, e0)
                .line(
                    k + 1,
                    lossSum / images,
                    (double) hits / images,
                    images / ((now - e0) / 1e9),
                    now));
      }
    }
    return new EpochStats(lossSum, hits, images, lr);
  }

  private String metricsLine(int epoch, EpochStats es, double sec, Evaluation test) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epoch", epoch);
    m.put("lr", es.lr);
    m.put("trainLoss", es.lossSum / es.images);
    m.put("trainTop1", (double) es.hits / es.images);
    m.put("testLoss", test.testLoss());
    m.put("testTop1", test.top1());
    m.put("testTop5", test.top5());
    m.put("trainImages", es.images);
    m.put("seconds", sec);
    m.put("imagesPerSec", es.images / sec);
    try {
      return LINE.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a metrics line", e);
    }
  }

  private void checkpoint(
      ChildNetwork net,
      ParamOptimizer opt,
      TrainData data,
      int epoch,
      double seconds,
      long images,
      List<String> metrics) {
    Map<String, float[]> tensors = new LinkedHashMap<>();
    net.snapshot().forEach((k, v) -> tensors.put(NET_PREFIX + k, v));
    opt.state().forEach((k, v) -> tensors.put(OPT_PREFIX + k, v));
    var in = data.inputShape();
    Checkpoint.Meta meta =
        new Checkpoint.Meta(
            1,
            epoch,
            opt.steps(),
            settings.asMap(),
            SpaceJson.architectureJson(architecture),
            data.classes(),
            new int[] {in.channels(), in.height(), in.width()},
            data.norm().mean(),
            data.norm().std(),
            seconds,
            images,
            metrics,
            Provenance.current());
    new Checkpoint(meta, tensors).commit(store, outDir);
    // keep the newest two: the previous one covers a crash while this one is being pruned
    Checkpoint.pruneBefore(store, outDir, epoch - 1);
  }

  private void say(String s) {
    if (console != null) {
      console.println(s);
    }
  }
}
