package io.nash.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Known answers for {@link ArchProbe}: a gate gradient is {@code sum(dL/dh * o)}, with {@code
 * dL/dh} the gradient reaching the tapped node.
 */
class ArchProbeTest {
  @BeforeAll
  static void oneThread() {
    TorchThreads.single();
  }

  @Test
  void gateGradientIsTheDotOfTheNodeGradientWithTheCandidate() {
    try (NDManager m = NDManager.newBaseManager()) {
      Shape s = new Shape(2, 1, 1, 2); // two images, one channel, 1 x 2 pixels
      NDArray a = m.create(new float[] {0.5f, -1f, 2f, 0f}, s);
      a.setRequiresGradient(true);
      NDArray c = m.create(new float[] {1f, 2f, 3f, 4f}, s);
      // candidate outputs, values only; the third is channel 1 of a two-channel tensor (a view)
      NDArray v1 = m.create(new float[] {1f, 0f, -1f, 2f}, s);
      NDArray v2 = m.create(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, s);
      NDArray both = m.create(new float[] {9f, 9f, 1f, 1f, 9f, 9f, -2f, 0f}, new Shape(2, 2, 1, 2));
      NDArray v3 = both.split(new long[] {1}, 1).get(1);
      ArchProbe probe = new ArchProbe(null);
      float[] dg;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        int slot = probe.reserve(1);
        NDArray h = probe.tap(slot, a.add(a));
        probe.add(1, 3, slot, v1);
        probe.add(0, 2, slot, v2);
        probe.add(1, 0, slot, v3);
        // L = sum(h * c), so dL/dh = c = [1, 2, 3, 4]
        gc.backward(h.mul(c).sum());
        dg = probe.gateGradients(2, 4).toFloatArray();
      }
      // edge 1 op 3: 1*1 + 2*0 + 3*(-1) + 4*2 = 6; edge 0 op 2: 0.5 * (1+2+3+4) = 5;
      // edge 1 op 0: 1*1 + 2*1 + 3*(-2) + 4*0 = -3; every other (edge, op) 0
      assertArrayEquals(new float[] {0, 0, 5, 0, -3, 0, 0, 6}, dg, 1e-6f);
      // the tap adds zeros: the node's gradient still reaches what feeds it (dL/da = 2c)
      assertArrayEquals(new float[] {2, 4, 6, 8}, a.getGradient().toFloatArray(), 1e-6f);
    }
  }

  @Test
  void misuseIsRefused() {
    try (NDManager m = NDManager.newBaseManager()) {
      ArchProbe probe = new ArchProbe(null);
      assertThrows(IllegalStateException.class, () -> probe.gateGradients(1, 1));
      int slot = probe.reserve(2);
      probe.tap(slot, m.zeros(new Shape(1, 1, 1, 1)));
      assertThrows(
          IllegalStateException.class, () -> probe.tap(slot, m.zeros(new Shape(1, 1, 1, 1))));
      probe.add(0, 0, slot + 1, m.zeros(new Shape(1, 1, 1, 1)));
      // slot + 1 was reserved but never tapped
      assertThrows(IllegalStateException.class, () -> probe.gateGradients(1, 1));
    }
  }
}
