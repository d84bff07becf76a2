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
 * @param version NASH version of the search space ("v1".."v4") or "baseline"
 * @param source "estimate" (cost model) or "finn-build" (a real FINN build's reports)
 * @param accuracySource where top1/top5 come from: "retrained" ({@link CandidateAccuracy}),
 *     "one-shot" (the candidates table) or "none"; null in rows written before it existed
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
    @JsonProperty("accuracySource") String accuracySource) {

  public static final int SCHEMA = 1;
  public static final String OK = "ok";
  public static final String FAILED = "failed";

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
        accuracySource);
  }

  public RunLayout.HwRef ref() {
    return new RunLayout.HwRef(runId, candidateId, device);
  }
}
