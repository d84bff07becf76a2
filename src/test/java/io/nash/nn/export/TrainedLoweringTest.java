package io.nash.nn.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.nash.hw.DataType;
import io.nash.hw.DspType;
import io.nash.hw.HwGraph;
import io.nash.hw.HwOp;
import io.nash.hw.Lowering;
import io.nash.hw.Mvau;
import io.nash.hw.Stem;
import io.nash.hw.Thresholding;
import io.nash.hw.TrainedValues;
import io.nash.hw.onnx.OnnxReader;
import io.nash.nn.child.ChildNetwork;
import io.nash.nn.quant.QuantConv2d;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.ImageShape;
import io.nash.space.PublishedGenotypes;
import io.nash.space.QuantSpec;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lowering with the trained values of an exported child network: every layer it looks up is in
 * the export, the graph is the same as without values, every data-dependent width is at most the
 * worst case, and the stem's accumulator equals the one computed from the network's own quantized
 * weights (DJL), so the ONNX reading folds the weights as the network does.
 */
class TrainedLoweringTest extends DjlManagerTest {
  static final ImageShape IN = new ImageShape(3, 32, 32);

  static Stream<Arguments> architectures() {
    return Stream.of(
        Arguments.of("baseline", Architecture.baseline(Backbone.RESNET18)),
        Arguments.of("v1", Architecture.of(PublishedGenotypes.V1)),
        Arguments.of("v2", Architecture.of(PublishedGenotypes.V2)),
        Arguments.of("v4", Architecture.of(PublishedGenotypes.V4)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("architectures")
  void trainedWidthsAreWithinTheWorstCase(String name, Architecture arch) {
    QuantSpec q = QuantSpec.NASH_PAPER;
    ImageShape hwIn = IN;
    TrainedValues values;
    long[] stemRange;
    try (NDManager sub = manager.newSubManager();
        ChildNetwork net = ExportFixtures.network(sub, arch, q, 4, IN, 11)) {
      values = TrainedValues.of(OnnxReader.parse(ChildExporter.toBytes(net, ExportFormat.QONNX)));
      stemRange = accumulatorRange(net.stem().conv(), Lowering.IMAGE);
    }
    HwGraph worst =
        Lowering.lower(
            arch, q, hwIn, 10, DspType.DSP48E2, 4, Stem.forInput(hwIn), TrainedValues.NONE);
    HwGraph trained =
        Lowering.lower(arch, q, hwIn, 10, DspType.DSP48E2, 4, Stem.forInput(hwIn), values);
    assertEquals(worst.size(), trained.size(), name);
    int narrower = 0;
    for (int i = 0; i < worst.size(); i++) {
      HwOp w = worst.node(i).op();
      HwOp t = trained.node(i).op();
      assertEquals(worst.node(i).name(), trained.node(i).name());
      if (w instanceof Mvau mw) {
        Mvau mt = (Mvau) t;
        assertTrue(within(mt.acc(), mw.acc()), name + " " + mt.acc() + " vs " + mw.acc());
        assertTrue(within(mt.weight(), mw.weight()), name + " " + mt.weight() + " " + mw.weight());
        assertEquals(mw.pe(), mt.pe());
        narrower += mt.acc().equals(mw.acc()) ? 0 : 1;
      } else if (w instanceof Thresholding tw) {
        Thresholding tt = (Thresholding) t;
        assertTrue(within(tt.thresholdType(), tw.thresholdType()), name);
        assertTrue(within(tw.input(), tt.thresholdType()), name + ": below the input type");
      } else {
        assertEquals(w, t, name + " " + worst.node(i).name());
      }
    }
    // trained weights never reach the worst case of every product at its extreme
    assertTrue(narrower > 0, name + ": no accumulator narrower than the worst case");
    Mvau stem =
        trained.ops().stream()
            .filter(Mvau.class::isInstance)
            .map(Mvau.class::cast)
            .findFirst()
            .orElseThrow();
    assertEquals(DataType.smallest(stemRange[0], stemRange[1]), stem.acc(), name + " stem");
  }

  /** The accumulator range from the network's own integer weights (q / scale of its quantizer). */
  static long[] accumulatorRange(QuantConv2d c, DataType in) {
    float[] q = WeightValues.convQuantized(c);
    float[] s = WeightValues.convScales(c);
    int rows = s.length;
    int per = q.length / rows;
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (int r = 0; r < rows; r++) {
      long up = 0;
      long down = 0;
      for (int i = r * per; i < (r + 1) * per; i++) {
        long k = Math.round(q[i] / s[r]);
        up += k * (k > 0 ? in.max() : in.min());
        down += k * (k > 0 ? in.min() : in.max());
      }
      hi = Math.max(hi, up);
      lo = Math.min(lo, down);
    }
    return new long[] {lo, hi};
  }

  static boolean within(DataType inner, DataType outer) {
    return inner.min() >= outer.min() && inner.max() <= outer.max();
  }
}
