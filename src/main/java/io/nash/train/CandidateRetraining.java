package io.nash.train;

import io.nash.config.Settings;
import io.nash.nn.export.ExportFormat;
import io.nash.space.Architecture;
import io.nash.space.SpaceJson;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Retrains one candidate of a run ({@link RetrainJob}) wherever it runs, the driver or a Spark
 * task: trains the quantized child network from scratch ({@link Retraining}, which skips a
 * candidate whose result with the same settings is already stored), exports the trained network as
 * QONNX at {@code candidates/<cand>/model.onnx}, a FINN build's input, and then records its
 * accuracy ({@code accuracy.json}, the last object, whose presence completes the candidate). Any
 * error becomes a failed {@link RetrainOutcome}. The dataset is loaded once per JVM for consecutive
 * jobs with the same data settings. Thread-safe (training steps share the JVM's autograd lock).
 */
final class CandidateRetraining {
  /**
   * The dataset of the last job in this JVM: a run's candidates share it; a new one replaces it.
   */
  private static String dataKey;

  private static TrainData data;

  private CandidateRetraining() {}

  /** Trains, records and exports {@code job}'s candidate; never throws for a training failure. */
  public static RetrainOutcome run(Store store, RetrainJob job, PrintStream console) {
    long t0 = System.nanoTime();
    try {
      Architecture arch = SpaceJson.parseArchitecture(job.architectureJson());
      Settings s = Settings.load(List.of(), job.settings());
      TrainSettings ts = TrainSettings.fromSettings(s, arch.label() + ":" + job.candidateId());
      // the export first: accuracy.json, written last, marks the candidate's retraining complete
      TrainResult r =
          Retraining.trainCandidate(
              ts,
              arch,
              store,
              job.runId(),
              job.candidateId(),
              dataFor(ts),
              console,
              done -> exportQonnx(store, job.runId(), job.candidateId()));
      return new RetrainOutcome(
          job.candidateId(), "ok", r.top1(), r.top5(), r.epochs(), "", millisSince(t0));
    } catch (RuntimeException e) {
      return new RetrainOutcome(
          job.candidateId(), "failed", null, null, 0, e.toString(), millisSince(t0));
    }
  }

  private static synchronized TrainData dataFor(TrainSettings ts) {
    String key = ts.data() + "#" + ts.trainLimit() + "#" + ts.testLimit();
    if (!key.equals(dataKey)) {
      data = null; // release the previous dataset before loading the next
      data = TrainData.load(ts);
      dataKey = key;
    }
    return data;
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** The newest checkpoint of the candidate's training as QONNX, stored for the FINN build. */
  static void exportQonnx(Store store, String runId, String cand) {
    Checkpoint c =
        Checkpoint.newest(store, Trainer.candidateDir(runId, cand))
            .orElseThrow(() -> new IllegalStateException("no checkpoint for " + cand));
    try {
      Path tmp = Files.createTempFile("nash-" + cand, ".onnx");
      try {
        c.exportNetwork(ExportFormat.QONNX, tmp);
        store.put(RunLayout.model(runId, cand), Files.readAllBytes(tmp));
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export " + cand, e);
    }
  }
}
