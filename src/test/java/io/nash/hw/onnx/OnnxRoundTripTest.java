package io.nash.hw.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRoundTripTest {

  /** A Quant node with every attribute kind and annotations, written and read back. */
  static OnnxModel sample() {
    GraphBuilder g = new GraphBuilder("sample");
    String x = g.input("x", -1, 2, 3, 3);
    String w = g.floats("w", new long[] {1, 2, 1, 1}, 0.5f, -1.25f);
    String scale = g.scalar("scale", 0.25f);
    String zero = g.scalar("zeropt", 0f);
    String bits = g.scalar("bitwidth", 4f);
    String wq =
        g.node(
            "Quant",
            "qonnx.custom_op.general",
            List.of(w, scale, zero, bits),
            OnnxAttribute.of("signed", 1L),
            OnnxAttribute.of("narrow", 1L),
            OnnxAttribute.of("rounding_mode", "ROUND"));
    String y =
        g.node(
            "Conv",
            List.of(x, wq),
            OnnxAttribute.ints("kernel_shape", 1, 1),
            OnnxAttribute.floats("dummy_floats", 1.5f, -2f),
            OnnxAttribute.of("dummy_float", 0.125f),
            OnnxAttribute.strings("dummy_strings", List.of("a", "bc")));
    String starts = g.int64s("starts", -5, 1L << 40);
    g.output(y, -1, 1, 3, 3);
    g.annotate(wq, "INT4");
    g.annotate(x, "FLOAT32");
    assertEquals("starts", starts);
    return new OnnxModel(
        8,
        "nash",
        "0.1",
        Map.of("", 11L, "qonnx.custom_op.general", 1L),
        g.build(),
        Map.of("genotype", "v1"));
  }

  @Test
  void writesAndReadsBackEveryField(@TempDir Path dir) {
    OnnxModel m = sample();
    Path file = dir.resolve("sub/model.onnx");
    OnnxWriter.write(m, file);
    assertTrue(Files.exists(file));
    OnnxModel r = OnnxReader.read(file);

    assertEquals(8, r.irVersion());
    assertEquals("nash", r.producerName());
    assertEquals(Map.of("", 11L, "qonnx.custom_op.general", 1L), r.opsets());
    assertEquals(Map.of("genotype", "v1"), r.metadata());
    OnnxGraph g = r.graph();
    assertEquals(m.graph(), g);
    assertEquals(Map.of("Conv", 1, "Quant", 1), g.opCounts());
    OnnxNode q = g.node("Quant_0").orElseThrow();
    assertEquals("qonnx.custom_op.general", q.domain());
    assertEquals(List.of("w", "scale", "zeropt", "bitwidth"), q.inputs());
    assertEquals(1L, q.attribute("signed").orElseThrow().i());
    assertEquals(1L, q.attribute("narrow").orElseThrow().i());
    assertEquals("ROUND", q.attribute("rounding_mode").orElseThrow().s());
    OnnxNode c = g.node("Conv_0").orElseThrow();
    assertArrayEquals(new long[] {1, 1}, c.attribute("kernel_shape").orElseThrow().ints());
    assertArrayEquals(new float[] {1.5f, -2f}, c.attribute("dummy_floats").orElseThrow().floats());
    assertEquals(List.of("a", "bc"), c.attribute("dummy_strings").orElseThrow().strings());
    assertArrayEquals(new float[] {0.5f, -1.25f}, g.initializer("w").orElseThrow().floatValues());
    assertArrayEquals(
        new long[] {-5, 1L << 40}, g.initializer("starts").orElseThrow().longValues());
    assertArrayEquals(new long[] {-1, 2, 3, 3}, g.inputs().get(0).dims());
    assertEquals("INT4", g.finnDatatype("Quant_0_out0").orElseThrow());
    assertEquals("FLOAT32", g.finnDatatype("x").orElseThrow());
  }

  /**
   * Known bytes, encoded by hand: ir_version 8 is tag (1<<3|0) = 0x08 then varint 0x08;
   * producer_name "p" is tag (2<<3|2) = 0x12, length 0x01, 'p'; an empty producer_version is not
   * written, so the graph's tag (7<<3|2) = 0x3a follows.
   */
  @Test
  void encodesModelHeaderByHand() {
    GraphBuilder g = new GraphBuilder("g");
    String x = g.input("x", 1);
    g.output(g.node("Relu", List.of(x)), 1);
    byte[] b = OnnxWriter.toBytes(g.model("p", "", Map.of("", 11L)));
    assertArrayEquals(
        new byte[] {0x08, 0x08, 0x12, 0x01, 'p', 0x3a}, java.util.Arrays.copyOf(b, 6));
  }

  @Test
  void rejectsDanglingInputsAndDuplicateNames() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new OnnxGraph(
                    "g",
                    List.of(
                        new OnnxNode(
                            "Relu_0", "Relu", "", List.of("nope"), List.of("y"), List.of())),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of()));
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    GraphBuilder b = new GraphBuilder("g");
    b.input("x", 1);
    assertThrows(IllegalArgumentException.class, () -> b.input("x", 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> OnnxTensor.floats("t", new long[] {2, 2}, 1f, 2f, 3f));
  }

  @Test
  void rejectsGarbage() {
    assertThrows(
        IllegalArgumentException.class, () -> OnnxReader.parse(new byte[] {0x0a, 0x7f, 0x01}));
  }
}
