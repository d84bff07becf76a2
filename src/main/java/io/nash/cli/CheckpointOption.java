package io.nash.cli;

import picocli.CommandLine.Option;

/** {@code --checkpoint}: the trained network a subcommand reads. */
final class CheckpointOption {
  @Option(
      names = "--checkpoint",
      required = true,
      description =
          "Store-relative training folder (runs/<id>/train: its newest checkpoint) or one"
              + " checkpoint unit (runs/<id>/train/checkpoint/epoch-0003).")
  String path;
}
