package io.nash.train;

import io.nash.config.Settings;
import io.nash.nn.child.ChildConfig;
import io.nash.nn.child.InputShape;
import io.nash.nn.export.ChildExporter;
import io.nash.nn.export.ExportFormat;
import io.nash.space.Architecture;
import io.nash.space.SpaceJson;
import io.nash.store.Store;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Retrains one candidate of a run ({@link RetrainJob}) wherever it runs, the driver or a Spark
 * task: trains the quantized child network from scratch ({@link Retraining}, which skips a
 * candidate whose result with the same settings is already stored), records its accuracy, and
 * exports the trained network as QONNX at {@code candidates/<cand>/model.onnx}, a FINN build's
 * input. Any error becomes a failed {@link RetrainOutcome}. Datasets are loaded once per JVM and
 * data settings. Thread-safe (training steps share the JVM's autograd lock).
 */
public final class CandidateRetraining {
  private static final Map<String, TrainData> DATA = new ConcurrentHashMap<>();

  private CandidateRetraining() {}

  /** Trains, records and exports {@code job}'s candidate; never throws for a training failure. */
  public static RetrainOutcome run(Store store, RetrainJob job, PrintStream console) {
    long t0 = System.nanoTime();
    try {
      Architecture arch = SpaceJson.parseArchitecture(job.architectureJson());
      Settings s = Settings.load(List.of(), job.settings());
      TrainSettings ts = TrainSettings.fromSettings(s, arch.label() + ":" + job.candidateId());
      TrainData data = DATA.computeIfAbsent(dataKey(ts), k -> TrainData.load(ts));
      TrainResult r =
          Retraining.trainCandidate(ts, arch, store, job.runId(), job.candidateId(), data, console);
      exportQonnx(store, job.runId(), job.candidateId(), arch, ts);
      return new RetrainOutcome(
          job.candidateId(), "ok", r.top1(), r.top5(), r.epochs(), "", millisSince(t0));
    } catch (RuntimeException e) {
      return new RetrainOutcome(
          job.candidateId(), "failed", null, null, 0, e.toString(), millisSince(t0));
    }
  }

  private static String dataKey(TrainSettings ts) {
    return ts.data() + "#" + ts.trainLimit() + "#" + ts.testLimit();
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** The newest checkpoint of the candidate's training as QONNX, stored for the FINN build. */
  static void exportQonnx(
      Store store, String runId, String cand, Architecture arch, TrainSettings ts) {
    String dir = Trainer.candidateDir(runId, cand);
    Checkpoint c =
        Checkpoint.newest(store, dir)
            .orElseThrow(() -> new IllegalStateException("no checkpoint for " + cand));
    var m = c.meta();
    ChildConfig cfg =
        new ChildConfig(
            arch,
            ts.quantSpec(),
            ts.width(),
            new InputShape(m.input()[0], m.input()[1], m.input()[2]),
            m.classes());
    try {
      Path tmp = Files.createTempFile("nash-" + cand, ".onnx");
      try {
        ChildExporter.write(cfg, c.withPrefix(Trainer.NET_PREFIX), ExportFormat.QONNX, tmp);
        store.put(
            io.nash.store.RunLayout.candidate(runId, cand) + "/model.onnx",
            Files.readAllBytes(tmp));
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export " + cand, e);
    }
  }
}
