package io.nash.api;

/**
 * The hardware result of one candidate on one device ({@code
 * candidates/<cand>/hw/<device>/result.json}, a committed unit). A failed row has an error and no
 * figures (null). Units: accuracy as a fraction; fps in frames/s; latency in ms; LUT, BRAM_18K,
 * URAM and DSP as counts. Immutable.
 *
 * @param source {@code estimate} (NASH's FINN cost model) or {@code finn} (a real FINN build)
 * @param top1 the accuracy the result carries: retrained if available, else one-shot, else null
 * @param accuracySource {@code retrained}, {@code one-shot} or {@code none}
 * @param unitUri URI of the unit's folder (FINN configuration, reports, logs)
 */
public record HardwareResult(
    String candidateId,
    String device,
    String status,
    String error,
    String source,
    String genotype,
    Double top1,
    Double top5,
    String accuracySource,
    Double fps,
    Double latencyMs,
    Double lut,
    Double bram18k,
    Double uram,
    Double dsp,
    String unitUri) {

  /** True if the candidate was synthesized on the device. */
  public boolean ok() {
    return "ok".equals(status);
  }
}
