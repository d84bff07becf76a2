package io.nash.nn.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nash.hw.onnx.OnnxReader;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.ImageShape;
import io.nash.space.PublishedGenotypes;
import io.nash.space.QuantSpec;
import io.nash.testutil.Golden;
import org.junit.jupiter.api.Test;

/**
 * Golden files of the QONNX export ({@code model.onnx} as the retraining stage writes it): small
 * fixed networks with trained-looking BatchNorm statistics ({@link FinnFolders#qonnx}, fixed
 * seeds), dumped as canonical text ({@link OnnxDump}: opsets, tensor shapes, every node with its
 * attributes, initializer shapes and value hashes, annotations) and compared line by line with
 * {@code src/test/resources/golden/qonnx/*.txt}. The export is deterministic: the same seed gives
 * the same bytes, which this test checks by exporting twice.
 *
 * <p>To regenerate the goldens after an intended change of the export: {@code mvn test
 * -Dtest=QonnxGoldenTest -Dnash.golden.update=true}, then review {@code git diff
 * src/test/resources/golden} (see {@link Golden}).
 */
class QonnxGoldenTest extends DjlManagerTest {

  private static void check(String name, Architecture a, ImageShape in, int classes, long seed) {
    byte[] onnx = FinnFolders.qonnx(manager, a, QuantSpec.NASH_PAPER, 4, in, classes, seed);
    byte[] again = FinnFolders.qonnx(manager, a, QuantSpec.NASH_PAPER, 4, in, classes, seed);
    assertEquals(
        OnnxDump.sha256(onnx), OnnxDump.sha256(again), name + ": two exports with one seed differ");
    Golden.assertText("qonnx/" + name + ".txt", OnnxDump.of(OnnxReader.parse(onnx)));
  }

  @Test
  void v1At32Px() {
    check(
        "v1-w4-3x32x32", Architecture.of(PublishedGenotypes.V1), new ImageShape(3, 32, 32), 10, 21);
  }

  @Test
  void baselineAt32Px() {
    check(
        "baseline-w4-3x32x32",
        Architecture.baseline(Backbone.RESNET18),
        new ImageShape(3, 32, 32),
        10,
        22);
  }

  @Test
  void stride2OpsAt28Px() {
    // the factorized reduce and the doubled max pool (ExportFixtures.stride2Genotype)
    check(
        "stride2-w4-1x28x28",
        Architecture.of(ExportFixtures.stride2Genotype()),
        new ImageShape(1, 28, 28),
        10,
        23);
  }
}
