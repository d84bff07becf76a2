package io.nash.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --set KEY=VALUE} (repeatable) for every command that takes settings overrides. The keys
 * are those of {@code conf/nash-defaults.yaml}; the values are checked by the settings schema.
 */
final class SetOptions {
  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Override a setting (repeatable; every key with its default and range:"
              + " conf/nash-defaults.yaml or `nash settings --defaults`).")
  List<String> sets = new ArrayList<>();

  /** The pairs as a map, in the order given; the error names a pair without '='. */
  Map<String, String> overrides() {
    return SettingsCommand.parseSets(sets);
  }
}
