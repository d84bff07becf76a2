package io.nash.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One row of hardware results: a retrained candidate lowered to one device. Stored as {@code
 * runs/<run>/candidates/<cand>/hw/<device>/result.json} (schema 1) inside a committed unit, read by
 * the Pareto refresh. Immutable and thread-safe.
 *
 * <p>A failed candidate is a row with {@code status = "failed"} and an {@code error}; its metrics
 * may be NaN (stored as null). Units: accuracy as a fraction in [0, 1]; fps in frames/s; latency in
 * milliseconds; LUT, BRAM_18K, URAM, DSP as counts.
 *
 * <p>A row from a real FINN build ({@code source = "finn"}) carries FINN's figures for fps,
 * latency, LUT, URAM and DSP. Its BRAM_18K is FINN's total plus the BRAM of the Thresholding_rtl
 * layers FINN v0.10.1 reports as 0 (its get_memory_estimate files the count under "BRAM18" while
 * bram_estimation reads "BRAM"; see {@code hw.FinnComparison}), i.e. the physically right count,
 * which equals ours when everything else agrees; FINN's own total is {@code finnBRAM_18K}. Such a
 * row also carries our estimate of the same design ({@code estimate*}), for the report's side by
 * side. These fields are absent (null) in estimate rows and in rows written before they existed;
 * adding them kept schema 1 (readers ignore unknown fields, writers leave out nulls).
 *
 * @param version NASH version of the search space ("v1".."v4") or "baseline"
 * @param source {@value #SOURCE_ESTIMATE} (cost model) or {@value #SOURCE_FINN} (a real FINN
 *     build's reports); rows written before the FINN path was finished may say "finn-build"
 * @param accuracySource where top1/top5 come from: "retrained" ({@link CandidateAccuracy}),
 *     "one-shot" (the candidates table) or "none"; null in rows written before it existed
 * @param finnBram18k FINN's own BRAM_18K total (FINN rows only)
 * @param estimateFps our estimate's fps of the design FINN built (FINN rows only); likewise
 *     estimateLatencyMs, estimateLut, estimateBram18k, estimateUram, estimateDsp
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CandidateResult(
    @JsonProperty("schema") int schema,
    @JsonProperty("runId") String runId,
    @JsonProperty("candidateId") String candidateId,
    @JsonProperty("device") String device,
    @JsonProperty("version") String version,
    @JsonProperty("backbone") String backbone,
    @JsonProperty("genotype") String genotype,
    @JsonProperty("status") String status,
    @JsonProperty("error") String error,
    @JsonProperty("source") String source,
    @JsonProperty("top1") Double top1,
    @JsonProperty("top5") Double top5,
    @JsonProperty("fps") Double fps,
    @JsonProperty("latencyMs") Double latencyMs,
    @JsonProperty("LUT") Double lut,
    @JsonProperty("BRAM_18K") Double bram18k,
    @JsonProperty("URAM") Double uram,
    @JsonProperty("DSP") Double dsp,
    @JsonProperty("accuracySource") String accuracySource,
    @JsonProperty("finnBRAM_18K") Double finnBram18k,
    @JsonProperty("estimateFps") Double estimateFps,
    @JsonProperty("estimateLatencyMs") Double estimateLatencyMs,
    @JsonProperty("estimateLUT") Double estimateLut,
    @JsonProperty("estimateBRAM_18K") Double estimateBram18k,
    @JsonProperty("estimateURAM") Double estimateUram,
    @JsonProperty("estimateDSP") Double estimateDsp) {

  public static final int SCHEMA = 1;
  public static final String OK = "ok";
  public static final String FAILED = "failed";

  /** Source of a row from our cost model. */
  public static final String SOURCE_ESTIMATE = "estimate";

  /** Source of a row from a real FINN build's reports. */
  public static final String SOURCE_FINN = "finn";

  /** The hardware figures of one design, in the row's units (latency in ms). */
  public record Figures(
      double fps, double latencyMs, double lut, double bram18k, double uram, double dsp) {}

  public CandidateResult {
    if (schema != SCHEMA) {
      throw new IllegalArgumentException("result schema = " + schema + ": must be " + SCHEMA);
    }
    RunLayout.checkId("runId", runId);
    RunLayout.checkId("candidateId", candidateId);
    RunLayout.checkId("device", device);
    Objects.requireNonNull(version, "version");
    if (!OK.equals(status) && !FAILED.equals(status)) {
      throw new IllegalArgumentException("result status = " + status + ": must be ok or failed");
    }
    if (FAILED.equals(status) && (error == null || error.isBlank())) {
      throw new IllegalArgumentException("result status = failed: needs an error message");
    }
  }

  /** A successful row. */
  public static CandidateResult ok(
      String runId,
      String candidateId,
      String device,
      String version,
      String backbone,
      String genotype,
      String source,
      double top1,
      double fps,
      double latencyMs,
      double lut,
      double bram18k,
      double uram,
      double dsp) {
    return new CandidateResult(
        SCHEMA,
        runId,
        candidateId,
        device,
        version,
        backbone,
        genotype,
        OK,
        null,
        source,
        top1,
        null,
        fps,
        latencyMs,
        lut,
        bram18k,
        uram,
        dsp,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** A failed row: the stage goes on, the report shows why. */
  public static CandidateResult failed(
      String runId,
      String candidateId,
      String device,
      String version,
      String genotype,
      String error) {
    return new CandidateResult(
        SCHEMA,
        runId,
        candidateId,
        device,
        version,
        null,
        genotype,
        FAILED,
        error,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** This row with its accuracy and where that accuracy comes from. */
  public CandidateResult withAccuracy(Double top1, Double top5, String accuracySource) {
    return new CandidateResult(
        schema,
        runId,
        candidateId,
        device,
        version,
        backbone,
        genotype,
        status,
        error,
        source,
        top1,
        top5,
        fps,
        latencyMs,
        lut,
        bram18k,
        uram,
        dsp,
        accuracySource,
        finnBram18k,
        estimateFps,
        estimateLatencyMs,
        estimateLut,
        estimateBram18k,
        estimateUram,
        estimateDsp);
  }

  /**
   * This row with FINN's own BRAM_18K total and our estimate of the same design (for a row whose
   * figures come from a FINN build).
   */
  public CandidateResult withFinnBuild(double finnBram18k, Figures estimate) {
    return new CandidateResult(
        schema,
        runId,
        candidateId,
        device,
        version,
        backbone,
        genotype,
        status,
        error,
        source,
        top1,
        top5,
        fps,
        latencyMs,
        lut,
        bram18k,
        uram,
        dsp,
        accuracySource,
        finnBram18k,
        estimate.fps(),
        estimate.latencyMs(),
        estimate.lut(),
        estimate.bram18k(),
        estimate.uram(),
        estimate.dsp());
  }

  /** Our estimate of the design a FINN row was built from, if the row carries it. */
  public java.util.Optional<Figures> estimate() {
    if (estimateFps == null
        || estimateLatencyMs == null
        || estimateLut == null
        || estimateBram18k == null
        || estimateUram == null
        || estimateDsp == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new Figures(
            estimateFps,
            estimateLatencyMs,
            estimateLut,
            estimateBram18k,
            estimateUram,
            estimateDsp));
  }

  /**
   * The result row of a committed hardware unit, or empty if the unit is not committed (or its row
   * is unreadable: the store warns and skips it).
   */
  public static java.util.Optional<CandidateResult> read(Store store, RunLayout.HwRef ref) {
    return UnitCommitter.open(store, ref.dir())
        .flatMap(u -> u.readJson(RunLayout.RESULT_JSON, CandidateResult.class));
  }

  public RunLayout.HwRef ref() {
    return new RunLayout.HwRef(runId, candidateId, device);
  }
}
