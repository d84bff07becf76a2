package io.nash.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nash.hw.GraphBuilder.Tensor;
import org.junit.jupiter.api.Test;

/** FINN SetFolding cases worked by hand. */
class SetFoldingTest {

  private static HwGraph single(HwOp op) {
    StreamShape in = op.inputs().get(0);
    GraphBuilder b = new GraphBuilder(in);
    return b.build(b.add(op, b.input()));
  }

  private static Mvau fc(int mw, int mh, DataType wt) {
    return Mvau.create(1, 1, true, mw, mh, DataType.uint(4), wt, true, null, DspType.DSP48E2);
  }

  @Test
  void strictLessThanUnfoldsOneMoreStep() {
    // MW=8, MH=4: cycles (4/PE)*(8/SIMD). target 8: SIMD 1 -> 32, 2 -> 16, 4 -> 8 (not < 8),
    // 8 -> 4 < 8: SIMD = 8; then PE = 1 gives 4 < 8.
    Mvau m = (Mvau) SetFolding.apply(single(fc(8, 4, DataType.BIPOLAR)), 8, 36, true).node(0).op();
    assertEquals(8, m.simd());
    assertEquals(1, m.pe());
    assertEquals(4, m.cycles());
  }

  @Test
  void onlyDivisorsAreTried() {
    // Thresholding C=12 on one vector, target 5: PE 1 -> 12, 2 -> 6, 3 -> 4 < 5: PE = 3
    HwOp t = Thresholding.create(1, 1, true, 12, DataType.sint(8), DataType.sint(4));
    assertEquals(3, SetFolding.apply(single(t), 5, 36, true).node(0).op().pe());
    // C=7 (prime), target 5: PE 1 -> 7, then the next divisor is 7 -> 1: PE = 7
    HwOp p = Thresholding.create(1, 1, true, 7, DataType.sint(8), DataType.sint(4));
    assertEquals(7, SetFolding.apply(single(p), 5, 36, true).node(0).op().pe());
  }

  @Test
  void simdStopsAtTheWeightWidthLimit() {
    // W=8, MW=64, MH=8, target 1: SIMD 2 (16 bits), 4 (32 bits), 8 would be 64 > 36 bits: revert
    // to 4; PE then runs through all divisors of 8 without reaching < 1: PE = 8.
    Mvau m = (Mvau) SetFolding.apply(single(fc(64, 8, DataType.sint(8))), 1, 36, true).node(0).op();
    assertEquals(4, m.simd());
    assertEquals(8, m.pe());
    assertEquals(16, m.cycles()); // (8/8)*(64/4)
    // with a 10000-bit limit SIMD goes to 64
    Mvau wide =
        (Mvau) SetFolding.apply(single(fc(64, 8, DataType.sint(8))), 1, 10000, true).node(0).op();
    assertEquals(64, wide.simd());
  }

  private static HwGraph poolThenThreshold() {
    // 28x28x64 -> StreamingMaxPool k2 (not handled: int(784*1.25) = 980 cycles) -> 14x14 Thr
    GraphBuilder b = new GraphBuilder(new StreamShape(28, 28, 64, DataType.uint(4)));
    Tensor p = b.add(new StreamingMaxPool(28, 28, 64, 2, DataType.uint(4), 1), b.input());
    return b.build(
        b.add(Thresholding.create(14, 14, false, 64, DataType.uint(4), DataType.uint(2)), p));
  }

  @Test
  void secondPassRelaxesToTheBottleneck() {
    // target 500: Thr (196 vectors) PE 1 -> 12544, 2 -> 6272, 4 -> 3136, 8 -> 1568, 16 -> 784,
    // 32 -> 392 < 500: PE 32. Max = 980 (the max pool) > 500, so the second pass uses target 980:
    // PE 16 -> 784 < 980: PE 16.
    HwGraph one = SetFolding.apply(poolThenThreshold(), 500, 36, false);
    assertEquals(32, one.node(1).op().pe());
    HwGraph two = SetFolding.apply(poolThenThreshold(), 500, 36, true);
    assertEquals(16, two.node(1).op().pe());
    assertEquals(1, two.node(0).op().pe()); // StreamingMaxPool is left alone
  }

  @Test
  void unhandledOpsKeepTheirFoldingAndPoolsDriveTheirWindow() {
    // FMPadding_rtl keeps SIMD = C = 8; the Pool's PE becomes its window's SIMD
    GraphBuilder b = new GraphBuilder(new StreamShape(6, 6, 8, DataType.uint(4)));
    Tensor p = b.add(FmPadding.create(6, 6, 8, 1, 1, 1, 1, DataType.uint(4)), b.input());
    Swg w = Swg.create(8, 8, 8, 3, 1, DataType.uint(4), true);
    Tensor s = b.add(w, p);
    Tensor o = b.add(Pool.create(6, 6, 8, 3, "MaxPool", DataType.uint(4), DataType.uint(4)), s);
    // target 100: Pool (8*9/PE)*36: PE 1 -> 2592, 2 -> 1296, 4 -> 648, 8 -> 324 (never < 100): 8
    HwGraph g = SetFolding.apply(b.build(o), 100, 36, false);
    assertEquals(8, g.node(0).op().simd());
    assertEquals(8, g.node(2).op().pe());
    assertEquals(8, g.node(1).op().simd());
    assertEquals(java.util.List.of("FMPadding_rtl_0"), SetFolding.unhandled(g));
  }

  @Test
  void targetCycles() {
    // int((1e9/5)/300) = int(666666.67) = 666666
    assertEquals(666666, SetFolding.targetCycles(5.0, 300));
  }
}
