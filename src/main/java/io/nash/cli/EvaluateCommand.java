package io.nash.cli;

import io.nash.store.Store;
import io.nash.train.Evaluation;
import io.nash.train.Evaluator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nash evaluate}: top-1/top-5 of a training checkpoint on a test split. */
@Command(
    name = "evaluate",
    showDefaultValues = true,
    description = "Test a trained checkpoint: top-1, top-5, test loss and the network's size.")
final class EvaluateCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Mixin StoreOptions store;

  @Mixin CheckpointOption checkpoint;

  @Option(names = "--data", description = "Dataset spec (default: the training dataset).")
  String data;

  @Override
  public Integer call() {
    try (Store st = store.open()) {
      Evaluation e = Evaluator.evaluate(st, checkpoint.path, data);
      System.out.println(e.describe());
    }
    return 0;
  }
}
