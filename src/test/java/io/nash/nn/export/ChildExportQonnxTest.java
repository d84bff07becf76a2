package io.nash.nn.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.hw.onnx.OnnxGraph;
import io.nash.hw.onnx.OnnxModel;
import io.nash.hw.onnx.OnnxNode;
import io.nash.hw.onnx.OnnxReader;
import io.nash.nn.child.ChildNetwork;
import io.nash.space.Architecture;
import io.nash.space.Genotype;
import io.nash.space.ImageShape;
import io.nash.space.PublishedGenotypes;
import io.nash.space.QuantSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The QONNX export of the published V1 genotype, written to a file and parsed back. */
class ChildExportQonnxTest extends DjlManagerTest {

  /**
   * Counts for ResNet18 V1 at 28 px (3x3 stem, no stem pool), nash-paper bits, by hand: Conv = 1
   * stem + 16 backbone + 4 projection shortcuts (every ResNet18 group) + 4 NAS conv_1x1 = 25;
   * MaxPool = 5 NAS pools (g0 1, g1 1, g2 2, g3 1); BN = 1 + 16 + 4 + 4 conv ops + 5 pools = 30;
   * Relu = 1 stem + 16 nodes + 4 conv ops = 21; Add = 8 residuals + 16 NAS additions (every node
   * has an op) = 24, each with two HardTanh Quants = 48; weight Quants = 17 + 4 shortcuts + 1 fc =
   * 22, so Quant = 22 + 21 + 48 = 91; BipolarQuant = the 4 one-bit NAS convs; the pool is
   * AveragePool, Mul(K), Trunc, Mul(2^8 / 16), Flatten; then one Gemm.
   */
  @Test
  void v1ParsesBackWithExpectedNodesInitializersAndAnnotations(@TempDir Path dir) {
    try (ChildNetwork net = net(PublishedGenotypes.V1, 4, 21)) {
      // through the CLI entry point: config + named weights, as a checkpoint holds them
      Path file = dir.resolve("v1.qonnx.onnx");
      ChildExporter.write(net.config(), net.snapshot(), ExportFormat.QONNX, file);
      OnnxModel m = OnnxReader.read(file);
      assertEquals(8, m.irVersion());
      assertEquals(Map.of("", 11L, "qonnx.custom_op.general", 1L), m.opsets());
      assertEquals("v1", m.metadata().get("nash.version"));
      OnnxGraph g = m.graph();
      Map<String, Integer> want =
          Map.ofEntries(
              Map.entry("Add", 24),
              Map.entry("AveragePool", 1),
              Map.entry("BatchNormalization", 30),
              Map.entry("BipolarQuant", 4),
              Map.entry("Conv", 25),
              Map.entry("Flatten", 1),
              Map.entry("Gemm", 1),
              Map.entry("MaxPool", 5),
              Map.entry("Mul", 2),
              // the NAS max pools pad with zeros explicitly (FINN pads MaxPool with the type's
              // minimum, the network with 0, which differ for unsigned activations)
              Map.entry("Pad", 5),
              // 91 weight/activation quantizers + the INT8 input quantizer
              Map.entry("Quant", 92),
              Map.entry("Relu", 21),
              Map.entry("Trunc", 1));
      assertEquals(want, g.opCounts());
      // FINN's flow needs a fixed batch: the QONNX flavour has batch 1
      assertArrayEquals(new long[] {1, 1, 28, 28}, g.inputs().get(0).dims());
      assertArrayEquals(new long[] {1, 10}, g.outputs().get(0).dims());

      // the stem weights are the float weights; their scale is max|W_c| / 127 per channel
      float[] w = net.stem().conv().weight().values();
      assertArrayEquals(w, g.initializer("stem.conv.weight").orElseThrow().floatValues());
      float[] scale = g.initializer("stem.conv.weight_scale").orElseThrow().floatValues();
      assertArrayEquals(
          new long[] {4, 1, 1, 1}, g.initializer("stem.conv.weight_scale").orElseThrow().dims());
      for (int c = 0; c < 4; c++) {
        float max = 0;
        for (int i = 0; i < 9; i++) {
          max = Math.max(max, Math.abs(w[c * 9 + i]));
        }
        assertEquals(max / 127f, scale[c], 1e-7f * max, "channel " + c);
      }
      OnnxNode wq = g.consumers("stem.conv.weight").get(0);
      assertEquals("Quant", wq.opType());
      assertEquals("qonnx.custom_op.general", wq.domain());
      assertEquals(1L, wq.attribute("signed").orElseThrow().i());
      assertEquals(1L, wq.attribute("narrow").orElseThrow().i());
      assertEquals("ROUND", wq.attribute("rounding_mode").orElseThrow().s());
      assertEquals(0f, g.initializer(wq.inputs().get(2)).orElseThrow().floatValues()[0]);
      assertEquals(8f, g.initializer(wq.inputs().get(3)).orElseThrow().floatValues()[0]);
      assertEquals("SCALEDINT<8>", g.finnDatatype(wq.outputs().get(0)).orElseThrow());
      assertEquals("Conv", g.consumers(wq.outputs().get(0)).get(0).opType());

      // a 1-bit NAS conv: BipolarQuant(W, mean|W_c|), FLOAT32 as QONNX infers for scale != 1
      OnnxNode bq = g.consumers("g1.n0.op.conv.weight").get(0);
      assertEquals("BipolarQuant", bq.opType());
      assertEquals(2, bq.inputs().size());
      assertEquals("FLOAT32", g.finnDatatype(bq.outputs().get(0)).orElseThrow());

      // QuantReLU: Relu -> Quant(unsigned, not narrow, scale 10/255, 8 bits)
      OnnxNode relu =
          g.consumers(
                  g.nodes().stream()
                      .filter(n -> n.opType().equals("Relu"))
                      .findFirst()
                      .orElseThrow()
                      .outputs()
                      .get(0))
              .get(0);
      assertEquals("Quant", relu.opType());
      assertEquals(0L, relu.attribute("signed").orElseThrow().i());
      assertEquals(0L, relu.attribute("narrow").orElseThrow().i());
      assertEquals(
          10f / 255f, g.initializer(relu.inputs().get(1)).orElseThrow().floatValues()[0], 1e-9f);

      // the pool: Trunc(s_in, 0, acc = 8 + 4 = 12, out = 4; FLOOR)
      OnnxNode trunc =
          g.nodes().stream().filter(n -> n.opType().equals("Trunc")).findFirst().orElseThrow();
      assertEquals("FLOOR", trunc.attribute("rounding_mode").orElseThrow().s());
      assertEquals(12f, g.initializer(trunc.inputs().get(3)).orElseThrow().floatValues()[0]);
      assertEquals(4f, g.initializer(trunc.inputs().get(4)).orElseThrow().floatValues()[0]);
      assertEquals("FLOAT32", g.finnDatatype("global_in").orElseThrow());
      // one per Quant (92) and BipolarQuant (4) output, plus the input
      assertEquals(97, g.annotations().size());
    }
  }

  @Test
  void badFormatAndMissingWeightsFailBeforeWriting(@TempDir Path dir) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ExportFormat.parse("tflite"));
    assertEquals("export format = 'tflite': allowed are qonnx, onnx", e.getMessage());
    assertEquals(ExportFormat.QONNX, ExportFormat.parse(" QONNX "));
    try (ChildNetwork net = net(PublishedGenotypes.V4, 2, 3)) {
      Map<String, float[]> weights = new java.util.HashMap<>(net.snapshot());
      weights.remove("fc.bias");
      Path out = dir.resolve("x.onnx");
      IllegalArgumentException m =
          assertThrows(
              IllegalArgumentException.class,
              () -> ChildExporter.write(net.config(), weights, ExportFormat.ONNX, out));
      assertTrue(m.getMessage().contains("fc.bias"), m.getMessage());
      assertFalse(java.nio.file.Files.exists(out));
    }
  }

  /** A nash-paper network of {@code g} at 1x28x28. */
  private static ChildNetwork net(Genotype g, int width, long seed) {
    return ExportFixtures.network(
        manager, Architecture.of(g), QuantSpec.NASH_PAPER, width, new ImageShape(1, 28, 28), seed);
  }
}
