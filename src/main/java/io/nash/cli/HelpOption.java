package io.nash.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} and {@code --verbose} for every subcommand (subcommands do not take the top
 * level's --version).
 */
final class HelpOption {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = "--verbose",
      description = "On an error, print the full stack trace below its one-line message.")
  boolean verbose;
}
