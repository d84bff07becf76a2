package io.nash.pipeline;

import io.nash.pareto.Objectives;
import io.nash.pareto.ParetoPoint;
import io.nash.report.ReportPage;
import io.nash.store.CandidateResult;
import io.nash.store.CandidateTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a stored {@link CandidateResult} row to a {@link ParetoPoint} (id {@code run/cand/device};
 * objectives accuracy = top1, fps, latency = latencyMs, LUT, BRAM_18K, URAM, DSP; other fields as
 * attributes; a FINN row's own BRAM total and our estimate of the same design as the number
 * attributes {@link #FINN_ATTRIBUTES}, for the report's side by side). A failed row keeps no
 * objectives, so every analysis excludes it with a reason. Stateless and thread-safe.
 */
public final class ResultPoints {
  private ResultPoints() {}

  public static final List<String> METRICS =
      List.of(
          Objectives.ACCURACY,
          Objectives.FPS,
          Objectives.LATENCY,
          Objectives.LUT,
          Objectives.BRAM,
          Objectives.URAM,
          Objectives.DSP);
  public static final List<String> ATTRIBUTES =
      List.of(
          "runId",
          "candidateId",
          "device",
          "version",
          "backbone",
          "genotype",
          "status",
          "source",
          "error",
          "finnBRAM_18K",
          "estimateFps",
          "estimateLatencyMs",
          "estimateLUT",
          "estimateBRAM_18K",
          "estimateURAM",
          "estimateDSP");

  /** The number attributes of a FINN row (its JSON names in {@link CandidateResult}). */
  public static final List<String> FINN_ATTRIBUTES = ATTRIBUTES.subList(9, ATTRIBUTES.size());

  /** The point of {@code r} for a candidate without a hardware target mark. */
  public static ParetoPoint toPoint(CandidateResult r) {
    return toPoint(r, null);
  }

  /**
   * The point of {@code r}; with the candidate's hardware target mark of its run's candidates table
   * ({@code target}, may be null) also the attributes {@value ReportPage#TARGET_DEVICE}, {@value
   * ReportPage#TARGET_FPS} and {@value ReportPage#MEETS_TARGET} the report shows.
   */
  public static ParetoPoint toPoint(CandidateResult r, CandidateTarget target) {
    Map<String, Double> o = new LinkedHashMap<>();
    if (CandidateResult.OK.equals(r.status())) {
      put(o, Objectives.ACCURACY, r.top1());
      put(o, Objectives.FPS, r.fps());
      put(o, Objectives.LATENCY, r.latencyMs());
      put(o, Objectives.LUT, r.lut());
      put(o, Objectives.BRAM, r.bram18k());
      put(o, Objectives.URAM, r.uram());
      put(o, Objectives.DSP, r.dsp());
    }
    Map<String, Object> a = new LinkedHashMap<>();
    put(a, "runId", r.runId());
    put(a, "candidateId", r.candidateId());
    put(a, "device", r.device());
    put(a, "version", r.version());
    put(a, "backbone", r.backbone());
    put(a, "genotype", r.genotype());
    put(a, "status", r.status());
    put(a, "source", r.source());
    put(a, "error", r.error());
    put(a, "finnBRAM_18K", r.finnBram18k());
    put(a, "estimateFps", r.estimateFps());
    put(a, "estimateLatencyMs", r.estimateLatencyMs());
    put(a, "estimateLUT", r.estimateLut());
    put(a, "estimateBRAM_18K", r.estimateBram18k());
    put(a, "estimateURAM", r.estimateUram());
    put(a, "estimateDSP", r.estimateDsp());
    if (target != null) {
      a.put(ReportPage.TARGET_DEVICE, target.device());
      a.put(ReportPage.TARGET_FPS, target.targetFps());
      a.put(ReportPage.MEETS_TARGET, target.meets());
    }
    return new ParetoPoint(r.ref().key(), o, a);
  }

  private static <V> void put(Map<String, V> m, String k, V v) {
    if (v != null) {
      m.put(k, v);
    }
  }
}
