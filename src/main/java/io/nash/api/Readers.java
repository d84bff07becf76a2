package io.nash.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.pareto.ParetoPoint;
import io.nash.pipeline.RetrainStage;
import io.nash.space.ArchWeights;
import io.nash.space.Op;
import io.nash.space.SpaceJson;
import io.nash.store.CandidateAccuracy;
import io.nash.store.CandidateResult;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the committed outputs of a run into the API's types, through the store's own readers where
 * they exist. Stateless.
 */
final class Readers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Readers() {}

  private static String text(Store store, String path, String stage) {
    return new String(
        store
            .get(path)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        store.uriOf(path)
                            + " is missing: the "
                            + stage
                            + " stage did not commit it")),
        StandardCharsets.UTF_8);
  }

  static SearchResult search(Store store, String runId) {
    ArchWeights a = SpaceJson.parseAlpha(text(store, RunLayout.alpha(runId), "search"));
    List<String> ops = a.version().ops().stream().map(Op::jsonName).toList();
    List<SearchResult.Edge> edges = new ArrayList<>();
    for (int g = 0; g < a.backbone().groups().size(); g++) {
      float[][] raw = a.table(g);
      double[][] p = a.probabilities(g);
      for (int e = 0; e < raw.length; e++) {
        List<Float> logits = new ArrayList<>();
        List<Double> probs = new ArrayList<>();
        for (int k = 0; k < raw[e].length; k++) {
          logits.add(raw[e][k]);
          probs.add(p[e][k]);
        }
        edges.add(new SearchResult.Edge(g, e, ops, logits, probs));
      }
    }
    String run = RunLayout.run(runId);
    List<SearchResult.Epoch> metrics = new ArrayList<>();
    String lines = text(store, run + "/metrics.jsonl", "search");
    for (String line : lines.split("\n")) {
      if (!line.isBlank()) {
        try {
          metrics.add(JSON.readValue(line, SearchResult.Epoch.class));
        } catch (IOException e) {
          throw new IllegalStateException(
              store.uriOf(run + "/metrics.jsonl") + ": malformed line: " + e.getMessage(), e);
        }
      }
    }
    return new SearchResult(
        runId,
        a.backbone().jsonName(),
        a.version().jsonName(),
        edges,
        SpaceJson.parseGenotype(text(store, run + "/genotype.json", "search")),
        metrics,
        store.uriOf(run));
  }

  static List<Candidate> candidates(Store store, String runId) {
    byte[] table =
        RunLayout.candidatesJson(store, runId)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        store.uriOf(RunLayout.candidatesTable(runId))
                            + " is missing or unreadable: the candidates stage did not commit it"));
    try {
      return List.of(JSON.readValue(table, Candidate[].class));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          store.uriOf(RunLayout.candidatesTable(runId))
              + ": "
              + RunLayout.CANDIDATES_JSON
              + " does not parse as a candidates table: "
              + e.getMessage(),
          e);
    }
  }

  static List<Retrained> retrained(Store store, String runId) {
    List<Retrained> out = new ArrayList<>();
    for (String id :
        RetrainStage.selection(store, runId)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "run "
                            + runId
                            + " has no retraining selection: the stage did not start"))) {
      CandidateAccuracy a =
          CandidateAccuracy.read(store, runId, id)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          store.uriOf(CandidateAccuracy.path(runId, id))
                              + " is missing: the retrain stage did not commit it"));
      out.add(
          new Retrained(
              id,
              a.top1(),
              a.top5(),
              a.epochs(),
              a.quant(),
              store.uriOf(RunLayout.model(runId, id))));
    }
    return out;
  }

  static List<HardwareResult> hardware(Store store, String runId) {
    List<HardwareResult> out = new ArrayList<>();
    for (RunLayout.HwRef ref : RunLayout.committedHwResults(store, runId)) {
      CandidateResult.read(store, ref)
          .ifPresent(
              r ->
                  out.add(
                      new HardwareResult(
                          r.candidateId(),
                          r.device(),
                          r.status(),
                          r.error(),
                          r.source(),
                          r.genotype(),
                          r.top1(),
                          r.top5(),
                          r.accuracySource(),
                          r.fps(),
                          r.latencyMs(),
                          r.lut(),
                          r.bram18k(),
                          r.uram(),
                          r.dsp(),
                          store.uriOf(ref.dir()))));
    }
    return out;
  }

  /** The fields of {@code pareto/front.json} the API returns (written by the Pareto refresh). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record FrontFile(
      @JsonProperty("version") long version,
      @JsonProperty("objectives") String objectives,
      @JsonProperty("points") int points,
      @JsonProperty("hypervolume") Double hypervolume,
      @JsonProperty("front") List<ParetoPoint> front) {}

  static Front front(Store store, String runId) {
    FrontFile f =
        store
            .getJson(RunLayout.FRONT_JSON, FrontFile.class)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        store.uriOf(RunLayout.FRONT_JSON)
                            + " is missing or unreadable after the pareto stage of run "
                            + runId));
    List<Front.Point> points = new ArrayList<>();
    for (ParetoPoint p : f.front() == null ? List.<ParetoPoint>of() : f.front()) {
      points.add(
          new Front.Point(
              p.id(),
              p.attribute("runId", null),
              p.attribute("candidateId", null),
              p.attribute("device", null),
              p.objectives(),
              p.attributes()));
    }
    return new Front(
        f.version(),
        f.objectives(),
        f.points(),
        f.hypervolume(),
        points,
        store.uriOf(RunLayout.REPORT_HTML),
        store.uriOf(RunLayout.FRONT_CSV));
  }
}
