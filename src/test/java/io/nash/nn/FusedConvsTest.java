package io.nash.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.nash.space.NashVersion;
import io.nash.space.Op;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The architecture step's value-only candidate computations equal each op computed on its own
 * ({@link CandidateOp#apply}): the fused convs whether concatenated or cut by output channels
 * ({@link FusedConvs}), the max pool by shifted maxima (bit for bit) and the in-place BN.
 */
class FusedConvsTest {
  @BeforeAll
  static void oneThread() {
    TorchThreads.single();
  }

  /** Gaussian values rounded to halves, so that the maxima of a pool often tie. */
  private static float[] values(int n, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.round(2 * r.nextGaussian()) / 2f;
    }
    return v;
  }

  @ParameterizedTest
  @CsvSource({"1, 32, 32, 6", "1, 32, 32, 5", "2, 16, 32, 6", "2, 16, 32, 7"})
  void fusedAndCutConvsEqualEachOpOnItsOwn(int stride, int in, int out, int size) {
    List<Op> ops = NashVersion.V1.ops();
    int edges = 3;
    try (NDManager m = NDManager.newBaseManager()) {
      ParamTable t = new ParamTable(m);
      CandidateOp[][] c = new CandidateOp[edges][ops.size()];
      for (int e = 0; e < edges; e++) {
        for (int k = 0; k < ops.size(); k++) {
          c[e][k] = CandidateOp.create(t, "e" + e, ops.get(k), stride, in, out, e, k);
        }
      }
      int[] all = new int[t.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      // small weights: the BN's eps (1e-5) then outweighs the conv's variance, so a wrong weight
      // scale would show in the normalised outputs rather than cancel
      float[][] w = t.initialValues(5);
      for (float[] a : w) {
        for (int i = 0; i < a.length; i++) {
          a[i] *= 1e-3f;
        }
      }
      t.load(all, w);
      NDArray x = m.create(values(2 * in * size * size, 9), new Shape(2, in, size, size));
      NDArray xb = Binarize.activation(x);
      // every weighted op of every edge (at stride 2, skip_connect is the factorized reduce)
      float[][][] want = new float[edges][ops.size()][];
      for (int e = 0; e < edges; e++) {
        for (int k = 0; k < ops.size(); k++) {
          Op op = ops.get(k);
          if (op.isConv() || (op == Op.SKIP_CONNECT && stride == 2)) {
            want[e][k] = c[e][k].apply(x, () -> xb, t, new Norms(m)).toFloatArray();
          }
        }
      }
      // the default limit fuses every conv of a kernel size into one; a limit of 200 values cuts
      // each 32-row 3x3 and 5x5 weight into two runs of 16 rows (oneDNN's channel block, the
      // smallest cut) and runs every other weight alone
      for (long limit : new long[] {Binarize.WEIGHT_LIMIT, 200}) {
        FusedConvs f = new FusedConvs(t, new Norms(m), stride, limit);
        for (int e = 0; e < edges; e++) {
          for (int k = 0; k < ops.size(); k++) {
            if (want[e][k] != null) {
              f.add(e, k, c[e][k]);
            }
          }
        }
        NDArray[][] got = new NDArray[edges][ops.size()];
        f.run(xb.stopGradient(), got);
        for (int e = 0; e < edges; e++) {
          for (int k = 0; k < ops.size(); k++) {
            if (want[e][k] == null) {
              assertEquals(null, got[e][k]);
            } else {
              assertArrayEquals(
                  want[e][k], got[e][k].toFloatArray(), 1e-5f, "edge " + e + " " + ops.get(k));
            }
          }
        }
      }
      assertThrows(IllegalArgumentException.class, () -> new FusedConvs(t, new Norms(m), 1, 0));
    }
  }

  @ParameterizedTest
  @CsvSource({"1, 8", "1, 7", "2, 8", "2, 7", "1, 2", "2, 1"})
  void shiftedMaximaEqualMaxPoolingBitForBit(int stride, int size) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(values(2 * 3 * size * size, 4), new Shape(2, 3, size, size));
      NDArray want =
          Pool.maxPool2d(x, new Shape(3, 3), new Shape(stride, stride), new Shape(1, 1), false);
      NDArray got = CandidateOp.maxPool3(x, stride);
      assertEquals(want.getShape(), got.getShape());
      assertArrayEquals(want.toFloatArray(), got.toFloatArray(), 0f);
    }
  }

  @ParameterizedTest
  @CsvSource({"1, 6", "2, 6", "2, 5"})
  void weightFreeValuesEqualTheOpsOnTheirOwn(int stride, int size) {
    int in = 4;
    try (NDManager m = NDManager.newBaseManager()) {
      ParamTable t = new ParamTable(m);
      NDArray x = m.create(values(2 * in * size * size, 6), new Shape(2, in, size, size));
      for (Op op : List.of(Op.MAX_POOL_3X3, Op.SKIP_CONNECT)) {
        if (op == Op.SKIP_CONNECT && stride == 2) {
          continue; // the factorized reduce has weights: FusedConvs computes it
        }
        CandidateOp c = CandidateOp.create(t, "e", op, stride, in, in * stride, 0, 0);
        float[] want = c.apply(x, () -> Binarize.activation(x), t, new Norms(m)).toFloatArray();
        float[] got = c.value(x.duplicate(), new Norms(m)).toFloatArray();
        assertArrayEquals(want, got, 1e-5f, op.toString());
      }
    }
  }
}
