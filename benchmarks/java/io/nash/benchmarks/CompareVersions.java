package io.nash.benchmarks;

import io.nash.train.Trainer;

import io.nash.train.TrainSettings;

import io.nash.train.TrainResult;

import io.nash.train.TrainData;

import io.nash.space.Architecture;
import io.nash.space.SpaceJson;
import io.nash.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The NASH-versus-baseline comparison behind {@code benchmarks/compare-versions}: trains the
 * baseline and the published V1-V4 genotypes (ResNet18) with the same quantization preset, width,
 * epochs and seeds on the full dataset and writes a table of mean and spread of top-1/top-5 to
 * {@code <out>/compare-versions.md} and {@code .json}. A short calibration run first measures
 * training images/s and prints the estimated total time; {@code --budget-minutes} then picks the
 * epochs (at least 1) that fit. Each run trains into {@code
 * <store>/runs/compare-<arch>-s<seed>/train} with resume, so an interrupted comparison continues
 * where it stopped.
 *
 * <p>Flags (all optional): {@code --width 4 --epochs 0 (0: from the budget) --seeds 1,2
 * --batch-size 128 --quant nash-paper --data fashion-mnist --train-limit 0 --budget-minutes 60
 * --store file:./nash-store --out benchmarks/results --calibrate-only}.
 */
public final class CompareVersions {
  private CompareVersions() {}

  static final List<String> ARCHS = List.of("baseline", "v1", "v2", "v3", "v4");

  public static void main(String[] argv) throws IOException {
    Map<String, String> a = parse(argv);
    int width = Integer.parseInt(a.getOrDefault("width", "4"));
    int epochs = Integer.parseInt(a.getOrDefault("epochs", "0"));
    List<Long> seeds = new ArrayList<>();
    for (String s : a.getOrDefault("seeds", "1,2").split(",")) {
      seeds.add(Long.parseLong(s.trim()));
    }
    double budget = Double.parseDouble(a.getOrDefault("budget-minutes", "60"));
    Map<String, String> base = new LinkedHashMap<>();
    base.put("nash.train.width", Integer.toString(width));
    base.put("nash.train.batch-size", a.getOrDefault("batch-size", "128"));
    base.put("nash.train.quant", a.getOrDefault("quant", "nash-paper"));
    base.put("nash.data.spec", a.getOrDefault("data", "fashion-mnist"));
    base.put("nash.data.train-limit", a.getOrDefault("train-limit", "0"));
    TrainSettings s0 = TrainSettings.defaults("v1").with(base);
    TrainData data = TrainData.load(s0);
    try (Store store = Store.open(a.getOrDefault("store", "file:./nash-store"), Map.of())) {
      // calibration: two short epochs of V1 on a subset; the first warms libtorch up (its first
      // epoch in a JVM runs several times slower), the second gives the speed
      int calib = Math.min(data.train().size(), 24 * s0.batchSize());
      TrainData small =
          new TrainData(data.train().limit(calib), data.test().limit(s0.batchSize()), data.norm());
      String cdir = "runs/compare-calibration-w" + width + "-" + System.nanoTime() + "/train";
      TrainResult c =
          new Trainer(s0.withEpochs(1), arch("v1", s0), store, cdir)
              .console(null)
              .run(small, false);
      store.delete(cdir.substring(0, cdir.length() - "/train".length()));
      double ips = c.imagesPerSec();
      // per epoch: the training pass plus one test pass (forward only, counted at a third)
      double epochSec = data.train().size() / ips + data.test().size() / (3 * ips);
      int runs = ARCHS.size() * seeds.size();
      if (epochs <= 0) {
        epochs = Math.max(1, (int) Math.floor(budget * 60 / (runs * epochSec)));
      }
      System.out.printf(
          Locale.ROOT,
          "calibration: width %d, batch %d: %.1f train img/s -> %.0f s per epoch of %d images;"
              + " %d runs x %d epochs: estimated %.0f min%n",
          width,
          s0.batchSize(),
          ips,
          epochSec,
          data.train().size(),
          runs,
          epochs,
          runs * epochs * epochSec / 60);
      if (a.containsKey("calibrate-only")) {
        return;
      }
      Map<String, List<TrainResult>> results = new LinkedHashMap<>();
      for (String name : ARCHS) {
        for (long seed : seeds) {
          TrainSettings s = s0.withArchitecture(name).withEpochs(epochs).withSeed(seed);
          String dir = "runs/compare-" + name + "-w" + width + "-s" + seed + "/train";
          TrainResult r = new Trainer(s, arch(name, s), store, dir).run(data, true);
          results.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
          System.out.printf(
              Locale.ROOT, "%s seed %d: top1 %.4f top5 %.4f%n", name, seed, r.top1(), r.top5());
        }
      }
      Path out = Path.of(a.getOrDefault("out", "benchmarks/results"));
      Files.createDirectories(out);
      Files.writeString(
          out.resolve("compare-versions.md"), CompareTable.markdown(results, s0, epochs, seeds));
      Files.write(out.resolve("compare-versions.json"), Store.toJson(results));
      System.out.println(CompareTable.markdown(results, s0, epochs, seeds));
    }
  }

  private static Architecture arch(String name, TrainSettings s) {
    return SpaceJson.readArchitecture(name, s.backbone());
  }

  private static Map<String, String> parse(String[] argv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < argv.length; i++) {
      if (!argv[i].startsWith("--")) {
        throw new IllegalArgumentException("argument '" + argv[i] + "': expected --flag [value]");
      }
      String k = argv[i].substring(2);
      if (k.equals("calibrate-only")) {
        m.put(k, "true");
      } else if (i + 1 < argv.length) {
        m.put(k, argv[++i]);
      } else {
        throw new IllegalArgumentException("--" + k + ": needs a value");
      }
    }
    return m;
  }
}
