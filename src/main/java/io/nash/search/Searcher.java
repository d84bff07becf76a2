package io.nash.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nash.nn.Seeds;
import io.nash.nn.StepGradients;
import io.nash.nn.Supernet;
import io.nash.nn.SupernetSpec;
import io.nash.space.ArchWeights;
import io.nash.space.Genotype;
import io.nash.space.GenotypeParser;
import io.nash.space.GroupSpec;
import io.nash.space.SpaceJson;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The single-process NASH search: alternating architecture and weight steps over epochs (nash-
 * method.md section 2) on one {@link Supernet}. The training images are split by {@code
 * train_portion}: the first part trains the weights, the rest alpha. Per epoch it shuffles both
 * parts with a seed derived from (seed, epoch), runs {@code floor(trainPart / batch)} steps (the
 * validation part is cycled), prints a summary, appends a line to {@code metrics.jsonl} and writes
 * a checkpoint {@code checkpoints/epoch-<n>.state} (temp file + atomic rename). A new searcher on
 * the same directory resumes from the newest checkpoint that reads back intact.
 *
 * <p>Validation loss/accuracy are those measured in the epoch's architecture steps (sampled paths,
 * batch statistics), so no extra pass is spent. A crash between a checkpoint and its metrics line
 * loses that line only. Not thread-safe; owns its network (close it).
 */
public final class Searcher implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CKPT = Pattern.compile("epoch-(\\d+)\\.state");

  private final SearchSettings cfg;
  private final ImageSource data;
  private final Path runDir;
  private final PrintStream console;
  private final Supernet net;
  private final int imageSize;
  private final int weightCount; // images in the weight part
  private final int archCount; // images in the alpha part
  private SearchState state;

  public Searcher(SearchSettings cfg, ImageSource data, Path runDir, PrintStream console) {
    this.cfg = cfg;
    this.data = data;
    this.runDir = runDir;
    this.console = console;
    if (data.height() != data.width()) {
      throw new IllegalArgumentException(
          "images are " + data.height() + "x" + data.width() + ": must be square");
    }
    this.imageSize = data.height();
    int n = cfg.trainLimit() > 0 ? Math.min(cfg.trainLimit(), data.size()) : data.size();
    weightCount = (int) Math.floor(n * cfg.trainPortion());
    archCount = n - weightCount;
    if (weightCount < cfg.batchSize() || archCount < cfg.batchSize()) {
      throw new IllegalArgumentException(
          "nash.search.batch-size = "
              + cfg.batchSize()
              + ": each split part ("
              + weightCount
              + " / "
              + archCount
              + " images) must hold at least one batch");
    }
    SupernetSpec spec =
        SupernetSpec.of(
            cfg.backbone(), cfg.version(), cfg.width(), data.channels(), imageSize, data.classes());
    this.net = Supernet.build(spec);
    this.state = resumeOrInit(spec);
    net.loadWeights(state.weights);
  }

  private String key(SupernetSpec s) {
    return s.backbone()
        + "/"
        + s.version()
        + "/w"
        + s.width()
        + "/c"
        + s.inChannels()
        + "x"
        + s.imageSize()
        + "/k"
        + s.classes();
  }

  private SearchState resumeOrInit(SupernetSpec spec) {
    Optional<SearchState> last = newestCheckpoint(runDir.resolve("checkpoints"));
    if (last.isPresent()) {
      SearchState s = last.get();
      if (!s.key.equals(key(spec)) || s.seed != cfg.seed()) {
        throw new IllegalArgumentException(
            "checkpoint in "
                + runDir
                + " is for "
                + s.key
                + " seed "
                + s.seed
                + ": this run is "
                + key(spec)
                + " seed "
                + cfg.seed());
      }
      console.printf("resuming from epoch %d (step %d)%n", s.epoch, s.step);
      return s;
    }
    float[] alpha =
        ArchWeights.init(cfg.backbone(), cfg.version(), Seeds.mix(cfg.seed(), 7)).flat();
    return SearchState.initial(key(spec), cfg.seed(), net.initialWeights(cfg.seed()), alpha);
  }

  /** The newest checkpoint in {@code dir} that reads back intact (damaged ones are skipped). */
  public static Optional<SearchState> newestCheckpoint(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> CKPT.matcher(p.getFileName().toString()).matches())
          .sorted((a, b) -> Integer.compare(epochOf(b), epochOf(a)))
          .map(Searcher::tryRead)
          .flatMap(Optional::stream)
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int epochOf(Path p) {
    Matcher m = CKPT.matcher(p.getFileName().toString());
    return m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }

  private static Optional<SearchState> tryRead(Path p) {
    try {
      return Optional.of(SearchState.fromBytes(Files.readAllBytes(p)));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Runs every remaining epoch; returns the final state. */
  public SearchState run() {
    return run(cfg.epochs());
  }

  /** Runs at most {@code maxEpochs} more epochs (never beyond the setting); returns the state. */
  public SearchState run(int maxEpochs) {
    int end = Math.min(cfg.epochs(), state.epoch + maxEpochs);
    while (state.epoch < end) {
      runEpoch();
    }
    return state;
  }

  public SearchState state() {
    return state;
  }

  private void runEpoch() {
    int epoch = state.epoch;
    long t0 = System.nanoTime();
    int[] weightIdx = shuffled(0, weightCount, Seeds.mix(cfg.seed(), epoch, 11));
    int[] archIdx = shuffled(weightCount, archCount, Seeds.mix(cfg.seed(), epoch, 12));
    int b = cfg.batchSize();
    int steps = weightCount / b;
    int archBatches = archCount / b;
    int px = data.channels() * imageSize * imageSize;
    float[] x = new float[b * px];
    int[] y = new int[b];
    double trainLoss = 0;
    double validLoss = 0;
    long trainCorrect = 0;
    long validCorrect = 0;
    int skippedArch = 0;
    int skippedWeight = 0;
    for (int s = 0; s < steps; s++) {
      fill(archIdx, (s % archBatches) * b, x, y, px);
      StepGradients a =
          NashStep.archGradients(
              net, state.alpha, x, y, NashStep.pathSeed(cfg.seed(), epoch, s, NashStep.ARCH, 0));
      skippedArch += NashStep.applyArch(state, a.alphaGrad(), cfg) ? 0 : 1;
      validLoss += a.loss();
      validCorrect += a.correct();

      fill(weightIdx, s * b, x, y, px);
      StepGradients w =
          NashStep.weightGradients(
              net, state.alpha, x, y, NashStep.pathSeed(cfg.seed(), epoch, s, NashStep.WEIGHT, 0));
      if (!NashStep.applyWeights(state, w.tensors(), w.grads(), cfg, epoch)) {
        skippedWeight++;
      }
      float[][] changed = new float[w.tensors().length][];
      for (int k = 0; k < changed.length; k++) {
        changed[k] = state.weights[w.tensors()[k]];
      }
      net.loadWeights(w.tensors(), changed);
      trainLoss += w.loss();
      trainCorrect += w.correct();
      state.step++;
    }
    state.epoch = epoch + 1;
    double seconds = (System.nanoTime() - t0) / 1e9;
    checkpoint();
    ObjectNode line = JSON.createObjectNode();
    line.put("epoch", epoch + 1);
    line.put("epochs", cfg.epochs());
    line.put("steps", steps);
    line.put("weight_lr", cfg.weightLrAt(epoch));
    line.put("train_loss", trainLoss / steps);
    line.put("train_acc", trainCorrect / (double) (steps * b));
    line.put("valid_loss", validLoss / steps);
    line.put("valid_acc", validCorrect / (double) (steps * b));
    double ips = 2.0 * steps * b / seconds;
    line.put("images_per_s", ips);
    // steps whose gradient held a non-finite value and were not applied (NashStep.allFinite)
    line.put("skipped_arch_steps", skippedArch);
    line.put("skipped_weight_steps", skippedWeight);
    line.put("seconds", seconds);
    line.put("eta_s", seconds * (cfg.epochs() - state.epoch));
    ArchWeights alpha = ArchWeights.fromFlat(cfg.backbone(), cfg.version(), state.alpha);
    Genotype g = GenotypeParser.derive(alpha);
    line.set("genotype", SpaceJson.genotypeNode(g));
    line.set("op_mean_prob", opSummary(alpha));
    appendMetrics(line);
    console.printf(
        "epoch %d/%d  train %.4f/%.3f  valid %.4f/%.3f  %.1f img/s  eta %.0f s  skipped %d/%d"
            + "  %s%n  mean p(op) %s%n",
        epoch + 1,
        cfg.epochs(),
        trainLoss / steps,
        trainCorrect / (double) (steps * b),
        validLoss / steps,
        validCorrect / (double) (steps * b),
        ips,
        seconds * (cfg.epochs() - state.epoch),
        skippedArch,
        skippedWeight,
        g.compact(),
        line.get("op_mean_prob"));
  }

  /** Per group, the mean over edges of softmax(alpha) for each op (op order of the version). */
  private ArrayNode opSummary(ArchWeights alpha) {
    ArrayNode groups = JSON.createArrayNode();
    for (GroupSpec spec : cfg.backbone().groups()) {
      double[][] p = alpha.probabilities(spec.index());
      ObjectNode o = groups.addObject();
      for (int k = 0; k < alpha.opCount(); k++) {
        double sum = 0;
        for (double[] row : p) {
          sum += row[k];
        }
        o.put(cfg.version().ops().get(k).jsonName(), Math.round(sum / p.length * 1e4) / 1e4);
      }
    }
    return groups;
  }

  private void fill(int[] idx, int from, float[] x, int[] y, int px) {
    for (int i = 0; i < y.length; i++) {
      int j = idx[from + i];
      data.copyImage(j, x, i * px);
      y[i] = data.label(j);
    }
  }

  private static int[] shuffled(int start, int count, long seed) {
    int[] a = new int[count];
    for (int i = 0; i < count; i++) {
      a[i] = start + i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = count - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  private void checkpoint() {
    try {
      Path dir = Files.createDirectories(runDir.resolve("checkpoints"));
      Path tmp = dir.resolve("epoch-" + state.epoch + ".state.tmp");
      Files.write(tmp, state.toBytes());
      Files.move(
          tmp,
          dir.resolve("epoch-" + state.epoch + ".state"),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("writing checkpoint in " + runDir, e);
    }
  }

  private void appendMetrics(ObjectNode line) {
    try {
      Files.createDirectories(runDir);
      Files.writeString(
          runDir.resolve("metrics.jsonl"),
          JSON.writeValueAsString(line) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("writing metrics in " + runDir, e);
    }
  }

  @Override
  public void close() {
    net.close();
  }
}
