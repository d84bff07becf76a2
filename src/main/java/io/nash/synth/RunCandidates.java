package io.nash.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.SpaceJson;
import io.nash.store.CandidateAccuracy;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the synthesis stage reads from a run: the candidates table ({@code candidates.json} of the
 * committed unit {@code runs/<run>/candidates-table/}, written by the candidate-evaluation stage: a
 * JSON array of {@code {"id", "source", "genotype", "genotype_json": {...}, "log_prob", "status":
 * "ok"|"failed", "accuracy": one-shot or null, "loss", "samples", "error", "millis"}}), the
 * retrained accuracy of each candidate ({@link CandidateAccuracy}, preferred when present), and the
 * baseline of the run's backbone as candidate {@value #BASELINE_ID}. Stateless; thread-safe.
 */
public final class RunCandidates {
  /** Candidate id of the non-NASH baseline. */
  public static final String BASELINE_ID = "baseline";

  public static final String RETRAINED = "retrained";
  public static final String ONE_SHOT = "one-shot";
  public static final String NONE = "none";

  private static final ObjectMapper JSON = new ObjectMapper();

  private RunCandidates() {}

  /**
   * One candidate as the stage sees it.
   *
   * @param architectureJson the genotype JSON as stored (may be invalid: synthesis then fails it)
   * @param evaluated true if the candidates table says status ok (the baseline counts as evaluated)
   * @param top1 retrained top-1, else one-shot accuracy, else null
   */
  public record Input(
      String id,
      String architectureJson,
      boolean evaluated,
      Double top1,
      Double top5,
      String accuracySource) {

    /** The job of this candidate on one device. */
    public SynthesisJob job(String runId, String device) {
      return new SynthesisJob(runId, id, architectureJson, device, top1, top5, accuracySource);
    }
  }

  /**
   * Reads the run's candidates (in table order) and, if {@code baseline}, appends the baseline of
   * the run's backbone (the first parseable genotype's, else {@code fallbackBackbone}).
   *
   * @throws IllegalArgumentException if the table is missing or not an array of candidate objects
   */
  public static List<Input> read(
      Store store, String runId, boolean baseline, Backbone fallbackBackbone) {
    String path = RunLayout.candidatesTable(runId) + "/" + RunLayout.CANDIDATES_JSON;
    byte[] bytes =
        RunLayout.candidatesJson(store, runId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "run "
                            + runId
                            + " has no committed candidates table "
                            + path
                            + ": run the candidate evaluation stage first"));
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException(path + ": malformed JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException(path + ": must be a JSON array of candidate rows");
    }
    List<Input> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Backbone backbone = null;
    for (int i = 0; i < root.size(); i++) {
      JsonNode row = root.get(i);
      JsonNode id = row.get("id");
      JsonNode g = row.get("genotype_json");
      if (id == null || !id.isTextual() || g == null) {
        throw new IllegalArgumentException(
            path + " row " + i + ": needs a string 'id' and a 'genotype_json'");
      }
      String cid = RunLayout.checkId(path + " row " + i + " id", id.asText());
      if (cid.equals(BASELINE_ID) || !seen.add(cid)) {
        throw new IllegalArgumentException(
            path + " row " + i + ": id '" + cid + "' is a duplicate or reserved");
      }
      String archJson = g.isTextual() ? g.asText() : g.toString();
      if (backbone == null) {
        backbone = backboneOf(archJson).orElse(null);
      }
      boolean ok = "ok".equals(row.path("status").asText());
      JsonNode acc = row.get("accuracy");
      Double oneShot = ok && acc != null && acc.isNumber() ? acc.asDouble() : null;
      out.add(withAccuracy(store, runId, cid, archJson, ok, oneShot));
    }
    if (baseline) {
      Backbone b = backbone != null ? backbone : fallbackBackbone;
      String archJson = SpaceJson.architectureJson(Architecture.baseline(b));
      out.add(withAccuracy(store, runId, BASELINE_ID, archJson, true, null));
    }
    return out;
  }

  private static Input withAccuracy(
      Store store, String runId, String id, String archJson, boolean ok, Double oneShot) {
    Optional<CandidateAccuracy> retrained = CandidateAccuracy.read(store, runId, id);
    if (retrained.isPresent()) {
      CandidateAccuracy a = retrained.get();
      return new Input(id, archJson, ok, a.top1(), a.top5(), RETRAINED);
    }
    return new Input(id, archJson, ok, oneShot, null, oneShot == null ? NONE : ONE_SHOT);
  }

  private static Optional<Backbone> backboneOf(String archJson) {
    try {
      return Optional.of(SpaceJson.parseArchitecture(archJson).backbone());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
