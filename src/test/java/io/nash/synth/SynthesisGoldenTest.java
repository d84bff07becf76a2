package io.nash.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import io.nash.nn.export.FinnFolders;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.ImageShape;
import io.nash.space.PublishedGenotypes;
import io.nash.space.SpaceJson;
import io.nash.store.CommittedDir;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import io.nash.store.UnitCommitter;
import io.nash.testutil.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files of the synthesis stage's committed unit: every JSON file it writes for a (candidate,
 * device), i.e. the FINN build folder ({@code finn/dataflow_build_config.json}, {@code
 * folding_config.json}, {@code specialize_layers_config.json}, {@code nash_layers.json}), FINN's
 * estimate reports of both foldings ({@code report/}, {@code setfolding/}), {@code synthesis.json}
 * and {@code result.json}, compared as parsed JSON trees with {@code
 * src/test/resources/golden/synthesis/<candidate>-<device>/}; the unit's file list is a golden too.
 * The network is {@link SynthesisFixtures}' (3x32x32, 10 classes, width 8, nash-paper, FINN off),
 * on U250 at 5 ns with a 2000 fps target: c0 is V1 with a {@code model.onnx} from the export
 * (trained widths, fixed seed), the baseline has none (worst-case widths).
 *
 * <p>To regenerate the goldens after an intended change: {@code mvn test -Dtest=SynthesisGoldenTest
 * -Dnash.golden.update=true}, then review {@code git diff src/test/resources/golden} (see {@link
 * Golden}).
 */
class SynthesisGoldenTest {
  @TempDir Path tmp;

  private static SynthesisSettings settings() {
    Map<String, String> conf = SynthesisFixtures.settings("U250");
    conf.put(SynthesisSettings.TARGET_FPS, "2000");
    return SynthesisSettings.of(conf);
  }

  @Test
  void v1WithItsTrainedModel() throws Exception {
    SynthesisSettings s = settings();
    Architecture v1 = Architecture.of(PublishedGenotypes.V1);
    try (NDManager m = NDManager.newBaseManager()) {
      ImageShape in = s.input();
      byte[] onnx =
          FinnFolders.qonnx(
              m,
              v1,
              s.quant(),
              s.width(),
              new ImageShape(in.channels(), in.height(), in.width()),
              s.classes(),
              31);
      check(
          s,
          new SynthesisJob(
              "golden", "c0", SpaceJson.architectureJson(v1), "U250", 0.91, 0.99, "retrained"),
          onnx);
    }
  }

  @Test
  void baselineWithWorstCaseWidths() throws Exception {
    SynthesisSettings s = settings();
    Architecture base = Architecture.baseline(Backbone.RESNET18);
    check(
        s,
        new SynthesisJob(
            "golden", "baseline", SpaceJson.architectureJson(base), "U250", null, null, "none"),
        null);
  }

  private void check(SynthesisSettings s, SynthesisJob job, byte[] model) throws Exception {
    try (Store st = new StoreSpec(tmp.toUri().toString(), Map.of()).open()) {
      if (model != null) {
        st.put(RunLayout.model(job.runId(), job.candidateId()), model);
      }
      SynthesisOutcome o = CandidateSynthesis.run(st, s, job, Map.of());
      assertEquals(SynthesisOutcome.Action.COMMITTED, o.action());
      CommittedDir unit = UnitCommitter.open(st, job.unitDir()).orElseThrow();
      String dir = "synthesis/" + job.candidateId() + "-" + job.device() + "/";
      TreeSet<String> names = new TreeSet<>(unit.names());
      Golden.assertText(dir + "files.txt", String.join("\n", names) + "\n");
      for (String name : names) {
        if (name.endsWith(".json")) {
          Golden.assertJson(
              dir + name, new String(unit.read(name).orElseThrow(), StandardCharsets.UTF_8));
        }
      }
    }
  }
}
