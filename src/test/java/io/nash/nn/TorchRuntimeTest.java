package io.nash.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TorchRuntimeTest {
  @Test
  void widthsThatOneDnnPadsAreUnsafe() {
    for (int w : new int[] {2, 4, 8, 12, 24, 40}) {
      assertFalse(TorchRuntime.oneDnnSafe(w), "width " + w);
    }
    for (int w : new int[] {16, 32, 48, 64}) {
      assertTrue(TorchRuntime.oneDnnSafe(w), "width " + w);
    }
  }

  @Test
  void policyNamesTheBadValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TorchRuntime.OneDnnPolicy.parse("maybe", "nash.torch.onednn"));
    assertEquals("nash.torch.onednn = maybe: must be one of auto, on, off", e.getMessage());
    assertEquals(TorchRuntime.OneDnnPolicy.OFF, TorchRuntime.OneDnnPolicy.parse(" Off ", "x"));
  }

  @Test
  void theSwitchReachesLibtorch() {
    Boolean before = TorchRuntime.oneDnnEnabled();
    try {
      assertTrue(TorchRuntime.setOneDnn(true));
      assertEquals(Boolean.TRUE, TorchRuntime.oneDnnEnabled());
      assertTrue(TorchRuntime.setOneDnn(false));
      assertEquals(Boolean.FALSE, TorchRuntime.oneDnnEnabled());
    } finally {
      TorchRuntime.setOneDnn(before);
    }
  }

  @Test
  void nnpackIsOffWhereItCannotRun() {
    TorchRuntime.prepare(16, true);
    Boolean available = TorchRuntime.nnpackAvailable();
    // unavailable (this machine): switched off, so libtorch stops warning; available: untouched
    assertEquals(available, TorchRuntime.nnpackEnabled());
  }
}
