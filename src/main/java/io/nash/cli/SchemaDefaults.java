package io.nash.cli;

import io.nash.config.Setting;
import io.nash.config.SettingsSchema;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The CLI's defaults from the settings schema: an option whose {@code descriptionKey} is a setting
 * key ({@code nash.train.epochs}) gets that setting's default, so no command repeats a default of
 * {@link SettingsSchema} in an annotation and {@code --help} shows the schema's value. Options
 * without such a key keep their own (non-setting) defaults. Stateless and thread-safe.
 */
final class SchemaDefaults implements IDefaultValueProvider {
  /** The prefix of every setting key. */
  static final String PREFIX = "nash.";

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec o)) {
      return null;
    }
    String key = o.descriptionKey();
    if (key == null || !key.startsWith(PREFIX)) {
      return null;
    }
    return text(SettingsSchema.get(key)); // an unknown key fails here, naming it
  }

  /** The default of {@code s} as a command-line value, or null when it has none. */
  static String text(Setting s) {
    Object d = s.defaultValue();
    if (d instanceof List<?> l) {
      return l.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    return d == null ? null : String.valueOf(d);
  }
}
