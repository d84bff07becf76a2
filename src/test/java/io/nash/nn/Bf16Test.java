package io.nash.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.nash.space.ArchWeights;
import io.nash.space.Backbone;
import io.nash.space.NashVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bf16 compute ({@link Bf16}): the CPU check on known {@code /proc/cpuinfo} texts, the exactness of
 * small binarized convolutions, the gradient reaching float32 leaves, and the fallback that leaves
 * float32 bit for bit. The tests that compute in bf16 are skipped where the CPU lacks the
 * instructions.
 */
class Bf16Test {
  @TempDir Path tmp;

  @BeforeAll
  static void oneThread() {
    TorchThreads.single();
  }

  @Test
  void readsTheCpuFlags() throws IOException {
    Path with = tmp.resolve("with");
    Files.writeString(with, "processor\t: 0\nflags\t\t: fpu sse avx512f avx512_bf16 avx512_vnni\n");
    assertNull(Bf16.cpuUnavailable(with));
    Path amx = tmp.resolve("amx");
    Files.writeString(amx, "flags\t: fpu amx_tile amx_bf16\n");
    assertNull(Bf16.cpuUnavailable(amx));
    Path without = tmp.resolve("without");
    // avx512bf16-like names that are not the flag do not count
    Files.writeString(without, "flags\t: fpu avx512f avx512_vnni xavx512_bf16\n");
    assertEquals(
        "this CPU has neither avx512_bf16 nor amx_bf16 (" + without + ")",
        Bf16.cpuUnavailable(without));
    assertTrue(Bf16.cpuUnavailable(tmp.resolve("missing")).startsWith("cannot read "));
  }

  /**
   * A conv of +-1 inputs and +-1 weights with fan-in 3x3x16 = 144: every product is exact in bf16
   * and every output (an integer of magnitude <= 144) is exact, so bf16 gives the float32 bits.
   * Larger fan-ins are not exact (measured: fan-in 549 gave 209 for 207).
   */
  @Test
  void smallBinarizedConvIsExact() {
    assumeTrue(Bf16.unavailable(Device.cpu()) == null, "no bf16 on this CPU");
    try (NDManager m = NDManager.newBaseManager()) {
      assertArrayEquals(conv(m, 16, false), conv(m, 16, true));
    }
  }

  private static float[] conv(NDManager m, int channels, boolean bf16) {
    SplittableRandom r = new SplittableRandom(channels);
    float[] x = new float[2 * channels * 6 * 6];
    float[] w = new float[channels * channels * 9];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(8) == 0 ? -1 : 1; // biased, so that some sums exceed 256
    }
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextInt(8) == 0 ? -1 : 1;
    }
    try (NDManager sub = m.newSubManager();
        Bf16.Scope s = Bf16.scope(bf16)) {
      NDArray xs = sub.create(x, new Shape(2, channels, 6, 6));
      NDArray ws = sub.create(w, new Shape(channels, channels, 3, 3));
      return Binarize.conv2d(xs, ws, 1, 1).toFloatArray();
    }
  }

  /** Round to nearest even at 8 significant bits (bfloat16), as a float. */
  static float roundToBf16(float v) {
    int b = Float.floatToRawIntBits(v);
    int lsb = (b >>> 16) & 1;
    return Float.intBitsToFloat(((b + 0x7fff + lsb) >>> 16) << 16);
  }

  @Test
  void roundingKnownAnswers() {
    assertEquals(256f, roundToBf16(257f));
    assertEquals(260f, roundToBf16(259f));
    assertEquals(258f, roundToBf16(258f));
    assertEquals(1.0f, roundToBf16(1.001f));
  }

  /** The gradient of a cast conv reaches the float32 leaves, as float32. */
  @Test
  void gradientFlowsBackIntoFloat32Leaves() {
    assumeTrue(Bf16.unavailable(Device.cpu()) == null, "no bf16 on this CPU");
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {1.5f, -2f, 0.25f, 3f}, new Shape(1, 1, 2, 2));
      NDArray w = m.create(new float[] {2f}, new Shape(1, 1, 1, 1));
      w.setRequiresGradient(true);
      try (GradientCollector gc = m.getEngine().newGradientCollector();
          Bf16.Scope s = Bf16.scope(true)) {
        NDArray y = Binarize.conv2d(x, w, 1, 0);
        gc.backward(y.sum());
      }
      // d sum(w x) / dw = sum x = 2.75, exact in bf16
      assertEquals(ai.djl.ndarray.types.DataType.FLOAT32, w.getGradient().getDataType());
      assertArrayEquals(new float[] {2.75f}, w.getGradient().toFloatArray());
    }
  }

  /** Where bf16 is unavailable the network computes in float32: the same bits. */
  @Test
  void fallbackIsFloat32BitForBit() {
    SupernetSpec spec = SupernetSpec.of(Backbone.RESNET18, NashVersion.V1, 16, 3, 16, 10);
    Step f32 = step(spec, false, null);
    Step fallback = step(spec, true, "test: no bf16 here");
    assertArrayEquals(f32.weights, fallback.weights);
    assertArrayEquals(f32.alpha, fallback.alpha);
    assertEquals(f32.loss, fallback.loss, 0);
    assertNotEquals(0, relL2(f32.alpha, new float[f32.alpha.length]), "fixture: zero gradient");
  }

  private record Step(float[] weights, float[] alpha, double loss) {}

  private static Step step(SupernetSpec spec, boolean bf16, String unavailable) {
    int ops = spec.opCount();
    try (Supernet net = Supernet.build(spec)) {
      boolean on =
          unavailable == null ? net.computeInBf16(bf16) : net.computeInBf16(bf16, unavailable);
      assertEquals(bf16 && unavailable == null, on);
      net.loadWeights(net.initialWeights(5));
      float[] a = ArchWeights.init(spec.backbone(), spec.version(), 5).flat();
      for (int i = 0; i < a.length; i++) {
        a[i] *= 300; // uneven probabilities
      }
      net.loadAlpha(a);
      float[] x = SupernetTest.images(8, 3, 16, 5);
      int[] y = {0, 1, 2, 3, 4, 5, 6, 7};
      SampledPath path = SampledPath.sample(a, ops, 5);
      StepGradients g = net.weightGradients(x, y, path);
      int n = 0;
      for (float[] t : g.grads()) {
        n += t.length;
      }
      float[] flat = new float[n];
      int at = 0;
      for (float[] t : g.grads()) {
        System.arraycopy(t, 0, flat, at, t.length);
        at += t.length;
      }
      StepGradients ga = net.archGradients(x, y, path);
      assertFalse(Double.isNaN(ga.loss()));
      return new Step(flat, ga.alphaGrad(), g.loss());
    }
  }

  static double relL2(float[] a, float[] ref) {
    double d = 0;
    double n = 0;
    for (int i = 0; i < a.length; i++) {
      d += ((double) a[i] - ref[i]) * ((double) a[i] - ref[i]);
      n += (double) ref[i] * ref[i];
    }
    return Math.sqrt(d / n);
  }
}
