package io.nash.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether a candidate meets the run's hardware target ({@code nash.candidates.hw.require-target}
 * mark or drop): the candidates table's columns {@value #MEETS}, {@value #DEVICE}, {@value
 * #TARGET_FPS}, {@value #DESIGN_FPS} and {@value #DESIGN_COST} (the frame rate and the normalised
 * resources of the candidate's SetFolding design at the target, {@code hw.TargetDesign}). A table
 * written without a target has none of them. Immutable.
 */
public record CandidateTarget(
    String device, double targetFps, boolean meets, double designFps, double designCost) {
  public static final String MEETS = "meets_target";
  public static final String DEVICE = "target_device";
  public static final String TARGET_FPS = "target_fps";
  public static final String DESIGN_FPS = "design_fps";
  public static final String DESIGN_COST = "design_cost";

  /** Writes the columns into one row of {@code candidates.json}. */
  public void put(ObjectNode row) {
    row.put(MEETS, meets);
    row.put(DEVICE, device);
    row.put(TARGET_FPS, targetFps);
    row.put(DESIGN_FPS, designFps);
    row.put(DESIGN_COST, designCost);
  }

  /** The columns of one row of {@code candidates.json}, or null if the row has none. */
  public static CandidateTarget of(JsonNode row) {
    JsonNode meets = row.get(MEETS);
    if (meets == null || !meets.isBoolean()) {
      return null;
    }
    return new CandidateTarget(
        row.path(DEVICE).asText(),
        row.path(TARGET_FPS).asDouble(Double.NaN),
        meets.asBoolean(),
        row.path(DESIGN_FPS).asDouble(Double.NaN),
        row.path(DESIGN_COST).asDouble(Double.NaN));
  }

  /**
   * The marks of the committed candidates table of {@code runId} by candidate id: empty if the
   * table is not committed or has no target columns; a table that does not parse is skipped with a
   * warning (a reader of many runs, the Pareto refresh, goes on).
   */
  public static Map<String, CandidateTarget> read(Store store, String runId) {
    Map<String, CandidateTarget> out = new LinkedHashMap<>();
    byte[] bytes = RunLayout.candidatesJson(store, runId).orElse(null);
    if (bytes == null) {
      return out;
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(bytes);
    } catch (IOException e) {
      store.warn(
          "skipping the hardware target marks of "
              + store.uriOf(RunLayout.candidatesTable(runId))
              + ": "
              + RunLayout.CANDIDATES_JSON
              + " does not parse ("
              + e.getMessage()
              + ")");
      return out;
    }
    if (root != null && root.isArray()) {
      for (JsonNode row : root) {
        CandidateTarget t = of(row);
        if (t != null && row.path("id").isTextual()) {
          out.put(row.get("id").asText(), t);
        }
      }
    }
    return out;
  }
}
