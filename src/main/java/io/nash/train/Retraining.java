package io.nash.train;

import io.nash.space.Architecture;
import io.nash.store.CandidateAccuracy;
import io.nash.store.Store;
import java.io.PrintStream;
import java.util.Optional;

/**
 * The retraining stage's unit of work: train one candidate and publish its accuracy where the
 * synthesis stage reads it. Idempotent: a candidate whose {@code result.json} exists with the same
 * settings is not trained again, and an interrupted one resumes from its newest checkpoint.
 * Stateless; one training per JVM at a time.
 */
final class Retraining {
  private Retraining() {}

  /**
   * Trains {@code architecture} with {@code settings} into {@code runs/<run>/train/<cand>/}
   * (metrics.jsonl, checkpoint/, result.json) and writes {@code
   * runs/<run>/candidates/<cand>/accuracy.json}.
   */
  public static TrainResult trainCandidate(
      TrainSettings settings,
      Architecture architecture,
      Store store,
      String runId,
      String candidateId) {
    return trainCandidate(
        settings, architecture, store, runId, candidateId, null, System.out, r -> {});
  }

  /**
   * As above with data already loaded (null: load {@code settings.data()}), a console (null:
   * silent) and {@code beforeAccuracy} run on the result before {@code accuracy.json} is written:
   * {@code accuracy.json} is the last object of a candidate's retraining, so a reader (the stage's
   * completeness check, the synthesis stage) that sees it sees everything written before it (the
   * QONNX export of the pipeline's retraining).
   */
  public static TrainResult trainCandidate(
      TrainSettings settings,
      Architecture architecture,
      Store store,
      String runId,
      String candidateId,
      TrainData data,
      PrintStream console,
      java.util.function.Consumer<TrainResult> beforeAccuracy) {
    String dir = Trainer.candidateDir(runId, candidateId);
    Optional<TrainResult> done = store.getJson(dir + "/result.json", TrainResult.class);
    TrainResult r;
    if (done.isPresent()
        && settings.asMap().equals(done.get().settings())
        && architecture.toString().equals(done.get().genotype())) {
      r = done.get();
    } else {
      r =
          new Trainer(settings, architecture, store, dir)
              .console(console)
              .run(data != null ? data : TrainData.load(settings), true);
    }
    beforeAccuracy.accept(r);
    new CandidateAccuracy(CandidateAccuracy.SCHEMA, r.top1(), r.top5(), r.epochs(), r.quant())
        .write(store, runId, candidateId);
    return r;
  }
}
