package io.nash.synth;

import io.nash.hw.Device;
import io.nash.hw.HardwareEstimate;
import io.nash.hw.HwReport;
import io.nash.hw.Resources;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@code synthesis.json}, the per-unit record of both foldings (schema 1):
 *
 * <pre>
 * {"schema":1, "runId", "candidateId", "device", "part", "clockNs", "mode": "fit-device"|"target-fps",
 *  "targetFps" (null when fitting), "quant", "input", "classes", "width", "status",
 *  "capacity": {LUT,BRAM_18K,URAM,DSP}, "budget": {...},
 *  "chosen": "resource-aware",
 *  "resourceAware": {"fps","latencyNs","maxCycles","maxCyclesNode","total":{...},
 *                    "utilisation":{...}, "fits", "targetReached", "curvePoints"},
 *  "setFolding": {"targetFps","fps","latencyNs","maxCycles","total":{...},
 *                 "utilisation":{...}, "fitsBudget"},
 *  "finnBuildMillis" (only with a FINN build),
 *  "finn" (only with a FINN build): {"source": "finn", "command": "template"|"docker"|"python",
 *          "millis", "fps", "latencyNs", "maxCycles", "maxCyclesNode", "total": {...} (FINN's own),
 *          "rowBRAM_18K" (FINN's BRAM total + the Thresholding_rtl BRAM it leaves out),
 *          "thresholdingBRAM_18KLeftOut", "equal" (see finn-build/comparison.json)}}
 * </pre>
 *
 * Utilisation is count / device capacity per resource (0 when unused; null when a resource the
 * device lacks is used). Stateless; thread-safe.
 */
public final class Summaries {
  private Summaries() {}

  static Map<String, Object> header(SynthesisJob job, SynthesisSettings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema", 1);
    m.put("runId", job.runId());
    m.put("candidateId", job.candidateId());
    m.put("device", job.device());
    m.put("clockNs", s.clockNs());
    m.put("mode", s.fitDevice() ? "fit-device" : "target-fps");
    m.put("targetFps", s.fitDevice() ? null : s.targetFps());
    m.put("quant", s.quant().presetName());
    m.put("input", s.input().toString());
    m.put("classes", s.classes());
    m.put("width", s.width());
    return m;
  }

  /** Header keys that identify a job rather than the settings it ran with. */
  private static final java.util.Set<String> IDENTITY =
      java.util.Set.of("schema", "runId", "candidateId", "device");

  /**
   * The settings in which the committed unit of {@code job} differs from {@code s} (clock, goal,
   * quantization, input, classes, width, as its {@code synthesis.json} header records them), each
   * as {@code key recorded -> new}; one entry when the unit's {@code synthesis.json} is unreadable
   * (its settings are unknown). Empty when they agree or the unit is not committed.
   */
  public static java.util.List<String> settingsChanges(
      io.nash.store.Store store, SynthesisJob job, SynthesisSettings s) {
    var unit = io.nash.store.UnitCommitter.open(store, job.unitDir());
    if (unit.isEmpty()) {
      return java.util.List.of();
    }
    Optional<com.fasterxml.jackson.databind.JsonNode> was =
        unit.get().readJson("synthesis.json", com.fasterxml.jackson.databind.JsonNode.class);
    if (was.isEmpty()) {
      return java.util.List.of("synthesis.json unreadable");
    }
    com.fasterxml.jackson.databind.JsonNode now =
        new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(header(job, s));
    java.util.List<String> out = new java.util.ArrayList<>();
    now.fieldNames()
        .forEachRemaining(
            k -> {
              String a = text(was.get().path(k));
              String b = text(now.path(k));
              if (!IDENTITY.contains(k) && !a.equals(b)) {
                out.add(k + " " + a + " -> " + b);
              }
            });
    return out;
  }

  /** A header value as text; null and absent are the same ("(unset)"). */
  private static String text(com.fasterxml.jackson.databind.JsonNode n) {
    return n.isMissingNode() || n.isNull() ? "(unset)" : n.asText();
  }

  static Map<String, Object> synthesis(
      SynthesisJob job,
      SynthesisSettings s,
      HardwareEstimate e,
      boolean trainedWidths,
      Optional<Map<String, Object>> finn) {
    Device d = e.device();
    Map<String, Object> m = header(job, s);
    m.put("part", d.part());
    // which widths the estimate took: from the trained model.onnx, or the worst case without it
    m.put("widths", trainedWidths ? "trained" : "worst-case");
    m.put("status", "ok");
    m.put("capacity", d.capacity().counts());
    m.put("budget", e.budget().counts());
    m.put("chosen", "resource-aware");
    Map<String, Object> r = perf(e.report(), d);
    r.put("fits", e.fits());
    r.put("targetReached", s.fitDevice() || e.fps() >= s.targetFps());
    r.put("curvePoints", e.curve().size());
    m.put("resourceAware", r);
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("targetFps", e.setFoldingTargetFps());
    f.putAll(perf(e.setFolding(), d));
    f.put("fitsBudget", e.setFoldingFits());
    m.put("setFolding", f);
    finn.ifPresent(
        b -> {
          m.put("finnBuildMillis", b.get("millis"));
          m.put("finn", b);
        });
    return m;
  }

  /** The {@code "finn"} section: a FINN build's figures next to how the row uses them. */
  static Map<String, Object> finn(
      String command, HwReport finn, io.nash.hw.FinnComparison cmp, long millis) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", io.nash.store.CandidateResult.SOURCE_FINN);
    m.put("command", command);
    m.put("millis", millis);
    m.put("fps", finn.fps());
    m.put("latencyNs", finn.latencyNs());
    m.put("maxCycles", finn.maxCycles());
    m.put("maxCyclesNode", finn.maxCyclesNode());
    m.put("total", finn.total().counts());
    m.put("rowBRAM_18K", cmp.rowBram18k());
    m.put("thresholdingBRAM_18KLeftOut", cmp.thresholdingBramLeftOut());
    m.put("equal", cmp.equal());
    return m;
  }

  private static Map<String, Object> perf(HwReport h, Device d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fps", h.fps());
    m.put("latencyNs", h.latencyNs());
    m.put("maxCycles", h.maxCycles());
    m.put("maxCyclesNode", h.maxCyclesNode());
    m.put("total", h.total().counts());
    m.put("utilisation", utilisation(h.total(), d.capacity()));
    return m;
  }

  /** count / capacity per resource; 0 for an unused resource the device lacks. */
  static Map<String, Double> utilisation(Resources used, Resources cap) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("LUT", share(used.lut(), cap.lut()));
    m.put("BRAM_18K", share(used.bram18(), cap.bram18()));
    m.put("URAM", share(used.uram(), cap.uram()));
    m.put("DSP", share(used.dsp(), cap.dsp()));
    return m;
  }

  /** The largest share over LUT, BRAM_18K, URAM and DSP (the binding resource). */
  public static double maxUtilisation(Resources used, Resources cap) {
    return utilisation(used, cap).values().stream()
        .mapToDouble(v -> v == null ? Double.POSITIVE_INFINITY : v)
        .max()
        .orElse(0);
  }

  /** null (JSON null) when a resource the device lacks is used: no finite share exists. */
  private static Double share(double v, double cap) {
    if (v <= 0) {
      return 0.0;
    }
    return cap <= 0 ? null : v / cap;
  }

  static String resources(Resources r) {
    return String.format(
        Locale.ROOT,
        "LUT %.0f, BRAM_18K %.0f, URAM %.0f, DSP %.0f",
        r.lut(),
        r.bram18(),
        r.uram(),
        r.dsp());
  }
}
