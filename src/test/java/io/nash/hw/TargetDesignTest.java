package io.nash.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.space.ArchWeights;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.GenotypeParser;
import io.nash.space.ImageShape;
import io.nash.space.NashVersion;
import io.nash.space.QuantSpec;
import org.junit.jupiter.api.Test;

/** The SetFolding design at a target frame rate, and whether it meets the target. */
class TargetDesignTest {
  private static final QuantSpec Q = QuantSpec.named("nash-paper");
  private static final ImageShape IN = new ImageShape(1, 28, 28);
  private static final Architecture ARCH =
      Architecture.of(
          GenotypeParser.derive(ArchWeights.init(Backbone.RESNET18, NashVersion.V4, 5)));

  /** The estimator's own SetFolding design at the target (HardwareEstimator, another path). */
  private static HardwareEstimate estimate(Device d, int width, double fps) {
    return HardwareEstimator.estimate(
        ARCH,
        Q,
        IN,
        10,
        d,
        d.defaultClockNs(),
        FoldingGoal.ofTargetFps(fps),
        width,
        Stem.forInput(IN),
        SetFolding.DEFAULT_MVAU_WWIDTH_MAX,
        TrainedValues.NONE);
  }

  @Test
  void isTheEstimatorsSetFoldingDesignAtTheTarget() {
    Device u250 = DeviceCatalog.builtIn().get("U250");
    TargetDesign t = TargetDesign.of(ARCH, Q, IN, 10, 16, u250, u250.defaultClockNs(), 2000);
    HardwareEstimate e = estimate(u250, 16, 2000);
    assertEquals(e.setFolding().fps(), t.fps(), 0.0);
    assertEquals(e.setFolding().total(), t.total());
    assertEquals(e.setFolding().total().normalizedCost(u250.budget()), t.cost(), 0.0);
    // a design that reaches 2000 fps and fits the U250: the target is met
    assertTrue(t.fps() >= 2000, "fps " + t.fps());
    assertTrue(e.setFoldingFits(), t.total() + " vs " + u250.budget());
    assertTrue(t.meets());
    // the hardware term's cost is the same design at width 64
    assertEquals(
        TargetDesign.of(ARCH, Q, IN, 10, 64, u250, u250.defaultClockNs(), 2000).cost(),
        OpCostTable.cost(
            GenotypeParser.derive(ArchWeights.init(Backbone.RESNET18, NashVersion.V4, 5)),
            Q,
            IN,
            10,
            64,
            u250,
            u250.defaultClockNs(),
            2000),
        0.0);
  }

  @Test
  void missesATargetItCannotReachOrAffordOnTheDevice() {
    // the same design reaches 2000 fps on the ZCU104 too, but its 801 BRAM_18K (measured) exceed
    // the ZCU104's budget of 499 (80 % of 624)
    Device zcu = DeviceCatalog.builtIn().get("ZCU104");
    TargetDesign big = TargetDesign.of(ARCH, Q, IN, 10, 16, zcu, zcu.defaultClockNs(), 2000);
    assertTrue(big.fps() >= 2000, "fps " + big.fps());
    assertEquals(801, big.total().bram18(), 0.0);
    assertEquals(499, zcu.budget().bram18(), 0.0);
    assertFalse(big.meets());
    assertFalse(estimate(zcu, 16, 2000).setFoldingFits());
    // 10 million frames/s is beyond the slowest layer fully unfolded at 100 MHz: too slow
    Device pynq = DeviceCatalog.builtIn().get("Pynq-Z1");
    TargetDesign fast = TargetDesign.of(ARCH, Q, IN, 10, 16, pynq, pynq.defaultClockNs(), 1e7);
    assertTrue(fast.fps() < 1e7, "fps " + fast.fps());
    assertFalse(fast.meets());
  }
}
