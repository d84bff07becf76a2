package io.nash.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.nash.space.ArchWeights;
import io.nash.space.NashVersion;
import io.nash.space.Op;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known answer for the architecture gradient of one mixed op: autograd through the gates {@code
 * onehot + p - stopGradient(p)} must equal section 2's formula {@code dL/dalpha_i = sum_j sum(dL/dy
 * * o_j) p_j (delta_ij - p_i)} evaluated in plain Java from the candidates' outputs.
 */
class MixedOpGradientTest {
  @org.junit.jupiter.api.BeforeAll
  static void oneThread() {
    TorchThreads.single();
  }

  @ParameterizedTest
  @CsvSource({"1, 3, 3, 4, 4", "2, 2, 4, 5, 1", "1, 3, 3, 4, 2", "2, 2, 4, 6, 2"})
  void alphaGradientMatchesSectionTwoFormula(int stride, int in, int out, int size, int sampled) {
    List<Op> ops = NashVersion.V1.ops();
    int n = ops.size();
    float[] alphaValues = {0.3f, -0.2f, 0.1f, 0.45f, -0.05f, 0.2f};
    Random rnd = new Random(7);
    float[] xv = new float[2 * in * size * size];
    for (int i = 0; i < xv.length; i++) {
      xv[i] = (float) rnd.nextGaussian();
    }
    int ho = stride == 1 ? size : (size + 1) / 2;
    float[] c = new float[2 * out * ho * ho]; // dL/dy for L = sum(y * c)
    for (int i = 0; i < c.length; i++) {
      c[i] = (float) rnd.nextGaussian();
    }
    try (NDManager m = NDManager.newBaseManager()) {
      ParamTable table = new ParamTable(m);
      Norms norms = new Norms(m);
      CandidateOp[] cand = new CandidateOp[n];
      for (int k = 0; k < n; k++) {
        cand[k] = CandidateOp.create(table, "e0", ops.get(k), stride, in, out, 0, k);
      }
      int[] all = new int[table.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      table.load(all, table.initialValues(11));
      NDArray x = m.create(xv, new Shape(2, in, size, size));
      NDArray dy = m.create(c, new Shape(2, out, ho, ho));

      // each candidate's output, computed on its own (no gates, no autograd)
      float[][] o = new float[n][];
      for (int k = 0; k < n; k++) {
        NDArray ok = cand[k].apply(x, () -> Binarize.activation(x), table, norms);
        o[k] = ok == null ? new float[c.length] : ok.toFloatArray();
      }
      // section 2 in plain Java: dL/dg_j = sum(dL/dy * o_j); dL/da_i = sum_j dg_j p_j (d_ij - p_i)
      double[] p = ArchWeights.softmax(alphaValues);
      double[] dg = new double[n];
      for (int j = 0; j < n; j++) {
        for (int q = 0; q < c.length; q++) {
          dg[j] += (double) c[q] * o[j][q];
        }
      }
      float[] expected = new float[n];
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += dg[j] * p[j] * ((i == j ? 1 : 0) - p[i]);
        }
        expected[i] = (float) s;
      }

      NDArray alpha = m.create(alphaValues, new Shape(1, n));
      alpha.setRequiresGradient(true);
      float[] y;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray gates = Supernet.gates(alpha, SampledPath.of(new int[] {sampled}, n));
        NDArray out0 =
            NashGroup.mixed(
                cand,
                x,
                () -> Binarize.activation(x),
                Supernet.Mode.ARCH,
                sampled,
                gates.get(0),
                table,
                norms);
        y = out0.toFloatArray();
        gc.backward(out0.mul(dy).sum());
      }
      // forward value: exactly the sampled op's output
      assertArrayEquals(o[sampled], y, 1e-6f);
      float[] got = alpha.getGradient().toFloatArray();
      double scale = 0;
      for (float e : expected) {
        scale = Math.max(scale, Math.abs(e));
      }
      assertTrue(scale > 1e-3, "degenerate fixture: all alpha gradients ~0");
      assertArrayEquals(expected, got, (float) (1e-4 * Math.max(1, scale)));
    }
  }

  @ParameterizedTest
  @CsvSource({"1, 4, 4, 8", "1, 4, 4, 7", "2, 2, 4, 8", "2, 2, 4, 7"})
  void everyOpHasTheExpectedShape(int stride, int in, int out, int size) {
    int ho = stride == 1 ? size : (size + 1) / 2;
    try (NDManager m = NDManager.newBaseManager()) {
      ParamTable table = new ParamTable(m);
      Norms norms = new Norms(m);
      NDArray x = m.randomNormal(new Shape(2, in, size, size));
      for (Op op : Op.values()) {
        CandidateOp c = CandidateOp.create(table, "e." + op, op, stride, in, out, 0, 0);
        NDArray y = c.apply(x, () -> Binarize.activation(x), table, norms);
        if (op == Op.NONE) {
          assertNull(y, "none contributes zeros");
        } else {
          assertEquals(new Shape(2, out, ho, ho), y.getShape(), op + " stride " + stride);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"8", "6"})
  void factorizedReduceOnEvenMapsReadsTheShiftedPixels(int size) {
    try (NDManager m = NDManager.newBaseManager()) {
      ParamTable table = new ParamTable(m);
      Norms norms = new Norms(m);
      CandidateOp fr = CandidateOp.create(table, "fr", Op.SKIP_CONNECT, 2, 2, 4, 0, 0);
      table.load(new int[] {0, 1}, table.initialValues(3));
      NDArray x = m.randomNormal(new Shape(2, 2, size, size));
      NDArray xb = Binarize.activation(x);
      float[] got = fr.apply(x, () -> xb, table, norms).toFloatArray();
      // the method's definition: conv(x) and conv(x[:, :, 1:, 1:]), concat, ReLU, BN
      NDArray a1 = Binarize.conv(xb, table.array(0), 2, 0);
      NDArray a2 = Binarize.conv(Binarize.activation(x.get(":, :, 1:, 1:")), table.array(1), 2, 0);
      NDArray want = norms.plain(ai.djl.nn.Activation.relu(a1.concat(a2, 1)));
      assertArrayEquals(want.toFloatArray(), got, 1e-6f);
    }
  }
}
