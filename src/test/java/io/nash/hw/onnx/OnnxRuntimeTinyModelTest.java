package io.nash.hw.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A hand-built conv + quantized ReLU + gemm model written by {@link OnnxWriter} and run in ONNX
 * Runtime, against the same computation in plain Java loops.
 */
class OnnxRuntimeTinyModelTest {
  static final int N = 2;
  static final int C = 1;
  static final int H = 4;
  static final int K = 2; // conv output channels
  static final int CLASSES = 3;
  static final float S = 10f / 255f; // 8-bit unsigned activation scale, max 10

  @Test
  void convQuantReluGemmMatchesJava() throws Exception {
    Random rng = new Random(7);
    float[] w = rand(rng, K * C * 9, 1f);
    float[] b = rand(rng, K, 0.5f);
    float[] w2 = rand(rng, CLASSES * K * H * H, 1f);
    float[] b2 = rand(rng, CLASSES, 0.5f);
    float[] x = rand(rng, N * C * H * H, 3f);

    GraphBuilder g = new GraphBuilder("tiny");
    String in = g.input("x", -1, C, H, H);
    String conv =
        g.node(
            "Conv",
            List.of(
                in, g.floats("w", new long[] {K, C, 3, 3}, w), g.floats("b", new long[] {K}, b)),
            OnnxAttribute.ints("kernel_shape", 3, 3),
            OnnxAttribute.ints("strides", 1, 1),
            OnnxAttribute.ints("pads", 1, 1, 1, 1));
    // QuantReLU as standard ops: clip(x, 0, 10), then s * clip(round(x / s), 0, 255)
    String c0 = g.scalar("zero", 0f);
    String c10 = g.scalar("ten", 10f);
    String s = g.scalar("s", S);
    String clipped = g.node("Clip", List.of(conv, c0, c10));
    String q = g.node("Round", List.of(g.node("Div", List.of(clipped, s))));
    String act =
        g.node("Mul", List.of(g.node("Clip", List.of(q, c0, g.scalar("max_int", 255f))), s));
    String flat = g.node("Flatten", List.of(act), OnnxAttribute.of("axis", 1L));
    String logits =
        g.node(
            "Gemm",
            List.of(
                flat,
                g.floats("w2", new long[] {CLASSES, K * H * H}, w2),
                g.floats("b2", new long[] {CLASSES}, b2)),
            OnnxAttribute.of("transB", 1L));
    g.output(logits, -1, CLASSES);
    byte[] bytes = OnnxWriter.toBytes(g.model("test", "", Map.of("", 11L)));

    float[] got = OrtRunner.run(bytes, x, N, C, H, H);
    float[] want = reference(x, w, b, w2, b2);
    assertEquals(N * CLASSES, got.length);
    double d = OrtRunner.maxAbsDiff(got, want);
    assertTrue(d <= 1e-4, "max abs diff " + d);
    // and the parsed-back graph is the one written
    assertEquals(g.build(), OnnxReader.parse(bytes).graph());
  }

  /** ONNX Round rounds half to even, as PyTorch round and the QONNX Quant ROUND mode do. */
  @Test
  void roundIsHalfToEvenInRuntime() throws Exception {
    GraphBuilder g = new GraphBuilder("round");
    String in = g.input("x", 4);
    g.output(g.node("Round", List.of(in)), 4);
    float[] y =
        OrtRunner.run(
            OnnxWriter.toBytes(g.model("t", "", Map.of("", 11L))),
            new float[] {0.5f, 1.5f, 2.5f, -0.5f},
            4);
    // half to even: 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, -0.5 -> -0
    assertArrayEquals(new float[] {0f, 2f, 2f, -0f}, y);
  }

  private static float[] reference(float[] x, float[] w, float[] b, float[] w2, float[] b2) {
    float[] out = new float[N * CLASSES];
    for (int n = 0; n < N; n++) {
      float[] act = new float[K * H * H];
      for (int k = 0; k < K; k++) {
        for (int i = 0; i < H; i++) {
          for (int j = 0; j < H; j++) {
            float acc = b[k];
            for (int c = 0; c < C; c++) {
              for (int di = 0; di < 3; di++) {
                for (int dj = 0; dj < 3; dj++) {
                  int ii = i + di - 1;
                  int jj = j + dj - 1;
                  if (ii >= 0 && ii < H && jj >= 0 && jj < H) {
                    acc += x[((n * C + c) * H + ii) * H + jj] * w[((k * C + c) * 3 + di) * 3 + dj];
                  }
                }
              }
            }
            float clipped = Math.min(10f, Math.max(0f, acc));
            float q = (float) Math.rint(clipped / S);
            act[(k * H + i) * H + j] = Math.min(255f, Math.max(0f, q)) * S;
          }
        }
      }
      for (int o = 0; o < CLASSES; o++) {
        float acc = b2[o];
        for (int f = 0; f < K * H * H; f++) {
          acc += act[f] * w2[o * K * H * H + f];
        }
        out[n * CLASSES + o] = acc;
      }
    }
    return out;
  }

  private static float[] rand(Random rng, int n, float scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (rng.nextGaussian() * scale);
    }
    return v;
  }
}
