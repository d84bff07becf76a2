package io.nash.hw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.hw.onnx.GraphBuilder;
import io.nash.hw.onnx.OnnxAttribute;
import io.nash.hw.onnx.OnnxReader;
import io.nash.hw.onnx.OnnxWriter;
import io.nash.space.QuantSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the widths FINN derives from trained values: integer weights as qonnx folds
 * them, the accumulator range of qonnx's calculate_matvec_accumulator_range, FINN's weight and
 * accumulator minimisation, the batch norm's affine map, and the rounded and clipped thresholds of
 * a standalone Thresholding with FINN's threshold type.
 */
class TrainedValuesTest {

  /** A model with layer "a" (3-bit Quant weights, 2 x 4), "b" (BipolarQuant) and batch norm "n". */
  static TrainedValues model() {
    GraphBuilder g = new GraphBuilder("t");
    String x = g.input("x", 1, 4);
    // row 0, scale 0.5: 0.5 -> 1, -1.26 -> -2.52 -> -3 (rint), 0.25 -> 0.5 -> 0 (half to even),
    // 2.6 -> 5.2 -> clamp 3; row 1, scale 1: 0.2 -> 0, 1.5 -> 2 (half to even), -0.6 -> -1,
    // -9 -> clamp -3
    String w =
        g.floats("a.weight", new long[] {2, 4}, 0.5f, -1.26f, 0.25f, 2.6f, 0.2f, 1.5f, -0.6f, -9f);
    String q =
        g.node(
            "Quant",
            "qonnx.custom_op.general",
            List.of(
                w,
                g.floats("a.weight_scale", new long[] {2, 1}, 0.5f, 1f),
                g.scalar("a.weight_zeropt", 0f),
                g.scalar("a.weight_bitwidth", 3f)),
            OnnxAttribute.of("signed", 1L),
            OnnxAttribute.of("narrow", 1L),
            OnnxAttribute.of("rounding_mode", "ROUND"));
    String y = g.node("MatMul", List.of(x, q));
    String wb = g.floats("b.weight", new long[] {1, 3}, 0f, -0.1f, 2f);
    String qb =
        g.node(
            "BipolarQuant",
            "qonnx.custom_op.general",
            List.of(wb, g.floats("b.weight_scale", new long[] {1, 1}, 0.7f)));
    g.node("MatMul", List.of(y, qb));
    String bn =
        g.node(
            "BatchNormalization",
            List.of(
                y,
                g.floats("n.gamma", new long[] {2}, 2f, 0.5f),
                g.floats("n.beta", new long[] {2}, 1f, -1f),
                g.floats("n.running_mean", new long[] {2}, 3f, 0f),
                g.floats("n.running_var", new long[] {2}, 3.99999f, 0.24999f)),
            OnnxAttribute.of("epsilon", 1e-5f));
    g.output(bn, 1, 2);
    // through the writer and reader, as the synthesis stage reads model.onnx
    byte[] bytes = OnnxWriter.toBytes(g.model("test", "1", Map.of("", 13L)));
    return TrainedValues.of(OnnxReader.parse(bytes));
  }

  @Test
  void integerWeightsAsQonnxFoldsThem() {
    TrainedValues.WeightStats a = model().weights("a");
    // row 0: 1, -3, 0, 3; row 1: 0, 2, -1, -3
    assertArrayEquals(new long[] {4, 2}, a.pos());
    assertArrayEquals(new long[] {-3, -4}, a.neg());
    assertEquals(-3, a.min());
    assertEquals(3, a.max());
    // |min| = max: sized for -max - 1 = -4 -> INT3
    assertEquals(DataType.sint(3), a.weightType());

    TrainedValues.WeightStats b = model().weights("b");
    // BipolarQuant: x >= 0 -> +1 (0 included), else -1
    assertArrayEquals(new long[] {2}, b.pos());
    assertArrayEquals(new long[] {-1}, b.neg());
    assertEquals(DataType.sint(2), b.weightType());
  }

  @Test
  void accumulatorRangeAndType() {
    TrainedValues.WeightStats a = model().weights("a");
    // UINT8 input: max = max(4*255, 2*255) = 1020, min = min(-3*255, -4*255) = -1020 -> INT11
    assertArrayEquals(new long[] {-1020, 1020}, a.accumulatorRange(DataType.uint(8)));
    assertEquals(DataType.sint(11), a.accumulator(DataType.uint(8)));
    // INT4 input [-8, 7]: row 0: 4*7 + -3*-8 = 52 and 4*-8 + -3*7 = -53; row 1: 2*7 + 32 = 46,
    // -16 - 28 = -44 -> [-53, 52] -> INT7
    assertArrayEquals(new long[] {-53, 52}, a.accumulatorRange(DataType.sint(4)));
    assertEquals(DataType.sint(7), a.accumulator(DataType.sint(4)));
    // non-negative weights on an unsigned input: an unsigned accumulator
    TrainedValues.WeightStats p = new TrainedValues.WeightStats(0, 3, new long[] {5}, new long[1]);
    assertEquals(DataType.uint(11), p.accumulator(DataType.uint(8)));
    assertEquals(DataType.uint(2), p.weightType());
  }

  @Test
  void mvauTakesTrainedTypes() {
    TrainedValues.WeightStats a = model().weights("a");
    Mvau fused =
        Mvau.create(
            1,
            1,
            true,
            4,
            2,
            DataType.uint(8),
            DataType.sint(3),
            true,
            DataType.uint(8),
            DspType.DSP48E2);
    Mvau t = fused.withWeights(a);
    assertEquals(DataType.sint(11), t.acc());
    assertEquals(DataType.uint(8), t.output());
    assertEquals(fused.impl(), t.impl());
    Mvau noAct =
        Mvau.create(
            1, 1, true, 4, 2, DataType.uint(8), DataType.sint(3), true, null, DspType.DSP48E2);
    assertEquals(DataType.sint(11), noAct.withWeights(a).output());
    // the graph's last MVAU rounds its sums up to bytes
    assertEquals(DataType.sint(16), noAct.withWeights(a).graphOutput().output());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Mvau.create(
                        1,
                        1,
                        true,
                        4,
                        4,
                        DataType.uint(8),
                        DataType.sint(3),
                        true,
                        null,
                        DspType.DSP48E2)
                    .withWeights(a));
    assertTrue(e.getMessage().contains("MH = 4"), e.getMessage());
  }

  @Test
  void batchNormAsFinnsBatchNormToAffine() {
    TrainedValues.Affine f = model().batchNorm("n");
    // a = gamma / sqrt(var + eps): 2 / sqrt(4) = 1, 0.5 / sqrt(0.25) = 1; b = beta - mean a
    assertArrayEquals(new double[] {1, 1}, f.a(), 1e-6);
    assertArrayEquals(new double[] {-2, -1}, f.b(), 1e-6);
  }

  @Test
  void missingLayersAreNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> model().weights("g9.n0.conv"));
    assertTrue(e.getMessage().contains("g9.n0.conv.weight"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> model().batchNorm("g1.n0.op.bn"));
    assertTrue(e.getMessage().contains("g1.n0.op.bn.gamma"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> TrainedValues.NONE.weights("a"));
  }

  @Test
  void thresholdsOfAStateRequantizedToTheResidualWidth() {
    // UINT8 state (scale 10/255) -> INT8 narrow HardTanh (10/127): thresholds (L - 1/2) 10/127 for
    // L = -126..127, in input steps x 255/127: the top one ceil(126.5 * 255/127) = ceil(253.996)
    // = 254, the negative ones clip to 0 -> [0, 254], the input's own UINT8
    double sIn = QuantSpec.reluScale(8);
    double sOut = QuantSpec.hardTanhScale(8);
    long[] r =
        Thresholding.thresholdRange(
            DataType.uint(8), sIn, DataType.sint(8), sOut, TrainedValues.Affine.identity(3));
    assertArrayEquals(new long[] {0, 254}, r);
    Thresholding t =
        Thresholding.create(4, 4, false, 3, DataType.uint(8), DataType.sint(8))
            .withThresholds(sIn, sOut, TrainedValues.Affine.identity(3));
    assertEquals(DataType.uint(8), t.thresholdType());
    // without values: the worst case, one bit wider
    assertEquals(DataType.uint(9), Thresholding.worstCaseThresholdType(DataType.uint(8)));
  }

  @Test
  void thresholdsOfAResidualSumQuantizedByTheReLU() {
    // INT9 sum of two INT8 operands (scale 10/127) -> UINT8 ReLU (10/255): thresholds (L - 1/2)
    // 127/255 for L = 1..255: ceil(0.249) = 1 and ceil(126.75) = 127 -> INT9 (the input's)
    long[] r =
        Thresholding.thresholdRange(
            DataType.sint(9),
            QuantSpec.hardTanhScale(8),
            DataType.uint(8),
            QuantSpec.reluScale(8),
            TrainedValues.Affine.identity(1));
    assertArrayEquals(new long[] {1, 127}, r);
    assertEquals(DataType.sint(9), Thresholding.thresholdType(DataType.sint(9), 1, 127));
  }

  @Test
  void batchNormThresholdsClipAndWiden() {
    // a batch norm with a = 0.1 on channel 1: its top threshold (126.5 - 0) / 0.1 = 1265 input
    // steps (unit scales) clips to in.max + 1 = 256 -> UINT9; channel 0 (a = 1, b = 200) puts its
    // lowest threshold at -326.5 -> clipped to 0 (unsigned input)
    TrainedValues.Affine f = new TrainedValues.Affine(new double[] {1, 0.1}, new double[] {200, 0});
    long[] r = Thresholding.thresholdRange(DataType.uint(8), 1, DataType.sint(8), 1, f);
    assertArrayEquals(new long[] {0, 256}, r);
    assertEquals(DataType.uint(9), Thresholding.thresholdType(DataType.uint(8), r[0], r[1]));
    // a signed input: the bottom clip at in.min - 1 = -257 widens to INT10
    TrainedValues.Affine g = new TrainedValues.Affine(new double[] {0.4}, new double[] {0});
    long[] s = Thresholding.thresholdRange(DataType.sint(9), 1, DataType.sint(8), 1, g);
    assertArrayEquals(new long[] {-257, 256}, s);
    assertEquals(DataType.sint(10), Thresholding.thresholdType(DataType.sint(9), s[0], s[1]));
    // INT9 with thresholds inside [-256, 255] stays INT9; 256 at the top alone widens too
    assertEquals(DataType.sint(9), Thresholding.thresholdType(DataType.sint(9), -256, 255));
    assertEquals(DataType.sint(10), Thresholding.thresholdType(DataType.sint(9), -3, 256));
    // a bipolar output has its one threshold at 0: (0 - b) / a = -2 / 0.5 -> -4
    TrainedValues.Affine h = new TrainedValues.Affine(new double[] {0.5}, new double[] {2});
    assertArrayEquals(
        new long[] {-4, -4},
        Thresholding.thresholdRange(DataType.sint(9), 1, DataType.BIPOLAR, 10, h));
  }
}
