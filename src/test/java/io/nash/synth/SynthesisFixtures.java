package io.nash.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nash.space.PublishedGenotypes;
import io.nash.space.SpaceJson;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small run for synthesis tests: candidates.json in the candidate-evaluation stage's format with
 * c0 = published v1 (one-shot 0.80), c1 = published v2 (0.85), c2 = an invalid genotype (op
 * "conv_9x9"), and settings for a 3x32x32, 10-class, width-8 network with {@code nash.hw.finn =
 * off}, so that a FINN_HOME in the test's environment does not turn them into FINN builds.
 */
final class SynthesisFixtures {
  static final ObjectMapper JSON = new ObjectMapper();

  private SynthesisFixtures() {}

  /**
   * The QONNX export of an untrained {@code arch} as the retraining stage writes model.onnx, for
   * {@code s}'s network (quantization, width, input, classes).
   */
  static byte[] exportedModel(io.nash.space.Architecture arch, SynthesisSettings s) {
    try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
        io.nash.nn.child.ChildNetwork net =
            io.nash.nn.child.ChildNetwork.build(
                new io.nash.nn.child.ChildConfig(
                    arch, s.quant(), s.width(), s.input(), s.classes()),
                m,
                3)) {
      return io.nash.nn.export.ChildExporter.toBytes(net, io.nash.nn.export.ExportFormat.QONNX);
    }
  }

  static Map<String, String> settings(String devices) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(SynthesisSettings.DEVICES, devices);
    m.put(SynthesisSettings.INPUT, "3x32x32");
    m.put(SynthesisSettings.CLASSES, "10");
    m.put(SynthesisSettings.WIDTH, "8");
    m.put(SynthesisSettings.FINN, "off");
    return m;
  }

  static ObjectNode row(ArrayNode arr, String id, String genotypeJson, Double acc)
      throws Exception {
    ObjectNode o = arr.addObject();
    o.put("id", id);
    o.put("source", "test");
    o.put("genotype", id);
    o.set("genotype_json", JSON.readTree(genotypeJson));
    o.put("log_prob", -1.0);
    o.put("status", acc == null ? "failed" : "ok");
    if (acc == null) {
      o.putNull("accuracy");
    } else {
      o.put("accuracy", acc);
    }
    o.put("loss", 0.5);
    o.put("samples", 100);
    o.put("error", "");
    o.put("millis", 10);
    return o;
  }

  static String invalidGenotype() {
    ObjectNode g = (ObjectNode) SpaceJson.genotypeNode(PublishedGenotypes.V1).deepCopy();
    ((ArrayNode) g.get("groups").get(0).get(0)).set(0, JSON.getNodeFactory().textNode("conv_9x9"));
    return g.toString();
  }

  /** Writes the three-candidate table; returns it as text. */
  static String writeRun(Store store, String runId) throws Exception {
    ArrayNode arr = JSON.createArrayNode();
    row(arr, "c0", SpaceJson.genotypeJson(PublishedGenotypes.V1), 0.80);
    row(arr, "c1", SpaceJson.genotypeJson(PublishedGenotypes.V2), 0.85);
    row(arr, "c2", invalidGenotype(), 0.70);
    String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(arr);
    commitTable(store, runId, text);
    return text;
  }

  /** Commits {@code json} as the run's candidates table (as the candidate stage commits it). */
  static void commitTable(Store store, String runId, String json) {
    io.nash.store.UnitCommitter.commit(
        store,
        RunLayout.candidatesTable(runId),
        Map.of(RunLayout.CANDIDATES_JSON, json.getBytes(StandardCharsets.UTF_8)));
  }
}
