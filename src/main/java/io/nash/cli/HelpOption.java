package io.nash.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for every subcommand (subcommands do not take the top level's --version). */
final class HelpOption {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;
}
