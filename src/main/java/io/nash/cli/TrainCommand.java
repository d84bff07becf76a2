package io.nash.cli;

import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.SpaceJson;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.train.TrainData;
import io.nash.train.TrainResult;
import io.nash.train.TrainSettings;
import io.nash.train.Trainer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nash train}: trains one quantized child network into {@code runs/<id>/train/}. The flags
 * are settings ({@code nash.train.*}, {@code nash.data.spec}, ...) with the schema's defaults
 * ({@link SchemaDefaults}); {@code --set} reaches every other retraining setting.
 */
@Command(
    name = "train",
    showDefaultValues = true,
    description =
        "Train the quantized child network of a genotype (or the baseline) and test it; writes"
            + " runs/<id>/train/{metrics.jsonl, result.json, checkpoint/} in the store.")
final class TrainCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Mixin StoreOptions store;

  @Option(names = "--run-id", required = true, description = "Run folder runs/<id>/train.")
  String runId;

  @Option(
      names = "--genotype",
      defaultValue = "v1",
      description = "v1, v2, v3, v4, baseline or a genotype JSON file.")
  String genotype;

  @Option(
      names = "--backbone",
      descriptionKey = "nash.search.backbone",
      description = "Backbone of the baseline (nash.search.backbone).")
  String backbone;

  @Option(
      names = "--data",
      descriptionKey = "nash.data.spec",
      description = "Dataset spec (nash.data.spec).")
  String data;

  @Option(
      names = "--quant",
      descriptionKey = "nash.train.quant",
      description = "Quantization preset (nash.train.quant).")
  String quant;

  @Option(
      names = "--epochs",
      descriptionKey = "nash.train.epochs",
      description = "Epochs (nash.train.epochs).")
  int epochs;

  @Option(
      names = "--batch-size",
      descriptionKey = "nash.train.batch-size",
      description = "Batch size (nash.train.batch-size).")
  int batchSize;

  @Option(
      names = "--width",
      descriptionKey = "nash.train.width",
      description = "Width w, even (nash.train.width).")
  int width;

  @Option(names = "--seed", descriptionKey = "nash.run.seed", description = "Seed (nash.run.seed).")
  long seed;

  @Option(
      names = "--optimizer",
      descriptionKey = "nash.train.optimizer",
      description = "adam or sgd (nash.train.optimizer).")
  String optimizer;

  @Option(
      names = "--lr",
      descriptionKey = "nash.train.lr",
      description = "Learning rate (nash.train.lr).")
  double lr;

  @Mixin SetOptions set;

  @Option(names = "--resume", description = "Continue from the newest complete checkpoint.")
  boolean resume;

  @Override
  public Integer call() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("nash.search.backbone", backbone);
    m.put("nash.data.spec", data);
    m.put("nash.train.quant", quant);
    m.put("nash.train.epochs", Integer.toString(epochs));
    m.put("nash.train.batch-size", Integer.toString(batchSize));
    m.put("nash.train.width", Integer.toString(width));
    m.put("nash.run.seed", Long.toString(seed));
    m.put("nash.train.optimizer", optimizer);
    m.put("nash.train.lr", Double.toString(lr));
    m.putAll(set.overrides());
    TrainSettings s = TrainSettings.defaults(genotype).with(m);
    Architecture a = SpaceJson.readArchitecture(genotype, Backbone.fromName(backbone));
    String dir = RunLayout.run(runId) + "/train";
    try (Store st = store.open()) {
      if (!resume && st.exists(dir + "/checkpoint")) {
        throw new IllegalArgumentException(
            "--run-id = "
                + runId
                + ": "
                + st.uriOf(dir)
                + " has checkpoints; pass --resume"
                + " or use another run id");
      }
      TrainResult r = new Trainer(s, a, st, dir).run(TrainData.load(s), resume);
      System.out.println(r.evaluation().describe());
      System.out.printf(
          "%d epochs, %.0f s, %.0f img/s; result: %s%n",
          r.epochs(), r.seconds(), r.imagesPerSec(), st.uriOf(dir + "/result.json"));
    }
    return 0;
  }
}
