package io.nash.cli;

import io.nash.config.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The settings options shared by {@code run}, {@code search}, {@code demo}: job files, {@code --set
 * key=value} ({@link SetOptions}), {@code --store}/{@code --hadoop} ({@link StoreOptions}) and
 * shorthand flags for the common keys. The flags have no default of their own (an unset flag lets a
 * job file's value through). Precedence: flags and --set &gt; job files &gt; defaults. Everything
 * is validated before any Spark or DJL work starts. The help shows each flag's setting and its
 * default from the settings schema ({@link #defaultsBundle}).
 */
final class JobOptions {
  @Option(
      names = "--job",
      paramLabel = "FILE.yaml",
      description = "Job file(s) (conf/*.yaml), applied in order.")
  List<Path> jobs = new ArrayList<>();

  @Mixin SetOptions set;

  @Mixin StoreOptions storeOptions;

  @Option(
      names = "--run-id",
      description = "Run id." + " Default: generated from time and seed (nash.run.id).")
  String runId;

  @Option(
      names = "--data",
      description =
          "fashion-mnist | fashion-mnist:DIR | mnist:DIR | cifar10:DIR | imagefolder:DIR | synthetic[:N]."
              + " Default: ${bundle:default.nash.data.spec:-none} (nash.data.spec).")
  String data;

  @Option(
      names = "--backbone",
      description =
          "resnet18 | resnet34."
              + " Default: ${bundle:default.nash.search.backbone:-none} (nash.search.backbone).")
  String backbone;

  @Option(
      names = "--version",
      description =
          "v1 | v2 | v3 | v4."
              + " Default: ${bundle:default.nash.search.version:-none} (nash.search.version).")
  String version;

  @Option(
      names = "--width",
      description =
          "Width per group (paper 64)."
              + " Default: ${bundle:default.nash.search.width:-none} (nash.search.width).")
  String width;

  @Option(
      names = "--epochs",
      description =
          "Search epochs."
              + " Default: ${bundle:default.nash.search.epochs:-none} (nash.search.epochs).")
  String epochs;

  @Option(
      names = "--warmup-epochs",
      description =
          "Leading search epochs that train the weights only (alpha fixed; 0 = none)."
              + " Default: ${bundle:default.nash.search.warmup-epochs:-none} (nash.search.warmup-epochs).")
  String warmupEpochs;

  @Option(
      names = "--batch-size",
      description =
          "Search batch size per task."
              + " Default: ${bundle:default.nash.search.batch-size:-none} (nash.search.batch-size).")
  String batchSize;

  @Option(
      names = "--train-limit",
      description =
          "Use the first N training images (0 = all)."
              + " Default: ${bundle:default.nash.data.train-limit:-none} (nash.data.train-limit).")
  String trainLimit;

  @Option(
      names = "--seed",
      description =
          "Run seed." + " Default: ${bundle:default.nash.run.seed:-none} (nash.run.seed).")
  String seed;

  @Option(
      names = "--master",
      description =
          "Spark master (spark-submit's wins)."
              + " Default: ${bundle:default.nash.spark.master:-none} (nash.spark.master).")
  String master;

  @Option(
      names = "--partitions",
      description =
          "Data-parallel tasks per round."
              + " Default: ${bundle:default.nash.spark.partitions:-none} (nash.spark.partitions).")
  String partitions;

  @Option(
      names = "--local-steps",
      description =
          "NASH steps per task per round."
              + " Default: ${bundle:default.nash.spark.local-steps:-none} (nash.spark.local-steps).")
  String localSteps;

  @Option(
      names = "--devices",
      description =
          "Devices for hardware estimates, comma-separated."
              + " Default: ${bundle:default.nash.hw.devices:-none} (nash.hw.devices).")
  String devices;

  /** Resolves the settings; {@code base} job files come first (e.g. conf/demo.yaml). */
  Settings resolve(List<Path> base) {
    Map<String, String> o = new LinkedHashMap<>();
    put(o, "nash.store", storeOptions.store);
    put(o, "nash.run.id", runId);
    put(o, "nash.data.spec", data);
    put(o, "nash.search.backbone", backbone);
    put(o, "nash.search.version", version);
    put(o, "nash.search.width", width);
    put(o, "nash.search.epochs", epochs);
    put(o, "nash.search.warmup-epochs", warmupEpochs);
    put(o, "nash.search.batch-size", batchSize);
    put(o, "nash.data.train-limit", trainLimit);
    put(o, "nash.run.seed", seed);
    put(o, "nash.spark.master", master);
    put(o, "nash.spark.partitions", partitions);
    put(o, "nash.spark.local-steps", localSteps);
    put(o, "nash.hw.devices", devices);
    o.putAll(set.overrides());
    List<Path> files = new ArrayList<>(base);
    files.addAll(jobs);
    return Settings.load(files, o);
  }

  Map<String, String> hadoopSettings() {
    return storeOptions.hadoopSettings();
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null) {
      m.put(k, v);
    }
  }

  /**
   * The settings schema's defaults by key, for the {@code ${bundle:default.KEY}} variables in the
   * help of these options (set on the command line by {@link NashCli#commandLine}).
   */
  static java.util.ResourceBundle defaultsBundle() {
    Object[][] rows =
        io.nash.config.SettingsSchema.all().stream()
            .filter(st -> st.defaultValue() != null)
            .map(st -> new Object[] {"default." + st.key(), String.valueOf(st.defaultValue())})
            .toArray(Object[][]::new);
    return new java.util.ListResourceBundle() {
      @Override
      protected Object[][] getContents() {
        return rows;
      }
    };
  }
}
