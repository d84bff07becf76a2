package io.nash.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuantSpecTest {
  @Test
  void presetsMatchTheMethod() {
    QuantSpec n = QuantSpec.named("nash-paper");
    assertEquals(new QuantSpec(8, 1, 8, 8, 4, 8, 8), n);
    QuantSpec b = QuantSpec.named("Baseline-Paper");
    assertEquals(1, b.backboneWeights());
    assertEquals(2, b.activations());
    assertEquals(8, b.residual());
    assertEquals("baseline-paper", b.presetName());
    assertEquals("custom", new QuantSpec(4, 1, 4, 8, 4, 8, 8).presetName());
  }

  @Test
  void errorsNameTheKey() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new QuantSpec(8, 0, 8, 8, 4, 8, 8));
    assertEquals("quant.nas-weights = 0: must be in 1..16 bits", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> QuantSpec.named("w1a2"));
    assertEquals("quant = 'w1a2': allowed presets are baseline-paper, nash-paper", e.getMessage());
  }
}
