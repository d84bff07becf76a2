package io.nash.cli;

import io.nash.config.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The settings options shared by {@code run}, {@code search}, {@code demo}: job files, {@code --set
 * key=value}, and shorthand flags for the common keys. Precedence: flags and --set &gt; job files
 * &gt; defaults. Everything is validated before any Spark or DJL work starts.
 */
final class JobOptions {
  @Option(
      names = "--job",
      paramLabel = "FILE.yaml",
      description = "Job file(s) (conf/*.yaml), applied in order.")
  List<Path> jobs = new ArrayList<>();

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override any setting (see conf/nash-defaults.yaml).")
  List<String> sets = new ArrayList<>();

  @Option(names = "--store", description = "Store URI (default file:./nash-store).")
  String store;

  @Option(
      names = "--hadoop",
      paramLabel = "KEY=VALUE",
      description = "A Hadoop setting for the store (repeatable).")
  List<String> hadoop = new ArrayList<>();

  @Option(names = "--run-id", description = "Run id (default: generated from time and seed).")
  String runId;

  @Option(
      names = "--data",
      description =
          "fashion-mnist | fashion-mnist:DIR | mnist:DIR | cifar10:DIR | imagefolder:DIR | synthetic[:N]")
  String data;

  @Option(names = "--backbone", description = "resnet18 | resnet34")
  String backbone;

  @Option(names = "--version", description = "v1 | v2 | v3 | v4")
  String version;

  @Option(names = "--width", description = "Width per group (paper 64).")
  String width;

  @Option(names = "--epochs", description = "Search epochs.")
  String epochs;

  @Option(names = "--batch-size", description = "Search batch size per task.")
  String batchSize;

  @Option(names = "--train-limit", description = "Use the first N training images (0 = all).")
  String trainLimit;

  @Option(names = "--seed", description = "Run seed.")
  String seed;

  @Option(names = "--master", description = "Spark master (spark-submit's wins).")
  String master;

  @Option(names = "--partitions", description = "Data-parallel tasks per round.")
  String partitions;

  @Option(names = "--local-steps", description = "NASH steps per task per round.")
  String localSteps;

  @Option(names = "--devices", description = "Devices for hardware estimates, comma-separated.")
  String devices;

  /** Resolves the settings; {@code base} job files come first (e.g. conf/demo.yaml). */
  Settings resolve(List<Path> base) {
    Map<String, String> o = new LinkedHashMap<>();
    put(o, "nash.store", store);
    put(o, "nash.run.id", runId);
    put(o, "nash.data.spec", data);
    put(o, "nash.search.backbone", backbone);
    put(o, "nash.search.version", version);
    put(o, "nash.search.width", width);
    put(o, "nash.search.epochs", epochs);
    put(o, "nash.search.batch-size", batchSize);
    put(o, "nash.data.train-limit", trainLimit);
    put(o, "nash.run.seed", seed);
    put(o, "nash.spark.master", master);
    put(o, "nash.spark.partitions", partitions);
    put(o, "nash.spark.local-steps", localSteps);
    put(o, "nash.hw.devices", devices);
    o.putAll(SettingsCommand.parseSets(sets));
    List<Path> files = new ArrayList<>(base);
    files.addAll(jobs);
    return Settings.load(files, o);
  }

  Map<String, String> hadoopSettings() {
    StoreOptions so = new StoreOptions();
    so.hadoop = hadoop;
    return so.hadoopSettings();
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null) {
      m.put(k, v);
    }
  }
}
