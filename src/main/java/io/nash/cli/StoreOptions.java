package io.nash.cli;

import io.nash.config.SettingsSchema;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --store URI} and {@code --hadoop KEY=VALUE} for every command that reads or writes the
 * store. Without {@code --store} the store is the setting {@code nash.store} (for the commands that
 * take job files: the job file's, else the schema default {@code file:./nash-store}). Hadoop
 * settings also come from {@code spark.hadoop.*} system properties (what spark-submit passes from
 * spark-defaults.conf); credentials are best left to the usual AWS provider chain (environment,
 * instance profile) and never printed.
 */
final class StoreOptions {
  @Option(
      names = "--store",
      description =
          "Store URI. Default: ${bundle:default.nash.store:-none} (nash.store)."
              + " file:, s3a://bucket/prefix or hdfs://...")
  String store;

  @Option(
      names = "--hadoop",
      paramLabel = "KEY=VALUE",
      description = "A Hadoop setting, e.g. fs.s3a.endpoint=http://127.0.0.1:9000 (repeatable).")
  List<String> hadoop = new ArrayList<>();

  /** spark.hadoop.* system properties, then --hadoop pairs. */
  Map<String, String> hadoopSettings() {
    Map<String, String> m = new LinkedHashMap<>();
    System.getProperties()
        .forEach(
            (k, v) -> {
              String key = String.valueOf(k);
              if (key.startsWith("spark.hadoop.")) {
                m.put(key.substring("spark.hadoop.".length()), String.valueOf(v));
              }
            });
    m.putAll(SettingsCommand.parseSets(hadoop));
    return m;
  }

  /** The store of {@code --store}, else the default of {@code nash.store}. */
  StoreSpec spec() {
    return new StoreSpec(
        store != null ? store : SchemaDefaults.text(SettingsSchema.get("nash.store")),
        hadoopSettings());
  }

  Store open() {
    return Store.open(spec(), w -> System.err.println("store: " + w));
  }
}
