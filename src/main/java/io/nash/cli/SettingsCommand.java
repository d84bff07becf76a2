package io.nash.cli;

import io.nash.config.Settings;
import io.nash.config.SettingsSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nash settings [JOB.yaml ...] [--set key=value ...]}: validates and prints the resolved
 * settings; {@code --defaults} prints the documented defaults (conf/nash-defaults.yaml).
 */
@Command(
    name = "settings",
    showDefaultValues = true,
    description = "Validate job files and overrides and print the resolved settings.")
final class SettingsCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @Parameters(arity = "0..*", paramLabel = "JOB.yaml", description = "Job files, applied in order.")
  List<Path> jobs = new ArrayList<>();

  @Mixin SetOptions set;

  @Option(names = "--defaults", description = "Print every setting with its default and range.")
  boolean defaults;

  @Override
  public Integer call() {
    if (defaults) {
      System.out.print(SettingsSchema.defaultsYaml());
      return 0;
    }
    Settings s = Settings.load(jobs, set.overrides());
    s.asStrings().forEach((k, v) -> System.out.println(k + ": " + v));
    return 0;
  }

  /** {@code key=value} pairs; the error names a pair without '='. */
  static Map<String, String> parseSets(List<String> sets) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : sets) {
      int i = kv.indexOf('=');
      if (i <= 0) {
        throw new IllegalArgumentException("--set " + kv + ": must be KEY=VALUE");
      }
      m.put(kv.substring(0, i).trim(), kv.substring(i + 1));
    }
    return m;
  }
}
