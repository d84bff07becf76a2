package io.nash.nn.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nash.hw.onnx.GraphBuilder;
import io.nash.hw.onnx.OnnxWriter;
import io.nash.hw.onnx.OrtRunner;
import io.nash.nn.quant.QuantAvgPool;
import io.nash.nn.quant.Quantizers;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The plain-ONNX truncating pool in ONNX Runtime computes the pool's integer arithmetic exactly.
 */
class ExportPoolTest {

  /**
   * 2-bit inputs (scale 10/3) over K = 16 positions: acc = 2 + 4 = 6 bits, shift = 6 - 4 = 2, so
   * y_int = floor(sum_int / 4), e.g. sum_int = 8 gives 2 and 11 gives 2, times the output scale
   * (10/3) * 4 / 16. Every one of 2000 random channels must match this integer reference.
   */
  @Test
  void poolIsExactIntegerTruncation() throws Exception {
    int bits = 2;
    int channels = 2000;
    float s = Quantizers.reluScale(bits, 10.0);
    QuantAvgPool p = new QuantAvgPool("pool", bits, 4, s, 16);
    assertEquals(2, p.shift());
    Random r = new Random(1);
    float[] x = new float[channels * 16];
    int[] sums = new int[channels];
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < 16; i++) {
        int k = r.nextInt(1 << bits);
        x[c * 16 + i] = k * s;
        sums[c] += k;
      }
    }
    GraphBuilder g = new GraphBuilder("pool");
    String in = g.input("x", 1, channels, 4, 4);
    g.output(new FloatQuantization().avgPool(g, in, p, 4, 4), 1, channels);
    float[] y =
        OrtRunner.run(OnnxWriter.toBytes(g.model("t", "", Map.of("", 11L))), x, 1, channels, 4, 4);
    for (int c = 0; c < channels; c++) {
      assertEquals(Math.min(15, sums[c] >> 2) * p.outScale(), y[c], 0f, "channel " + c);
    }
  }
}
