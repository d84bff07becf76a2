package io.nash;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ComponentsTest {
  @Test
  void aMissingComponentSkipsOutsideCiAndFailsUnderCi() {
    assertDoesNotThrow(() -> Components.require(true, "x", Map.of("CI", "true")));
    assertThrows(
        TestAbortedException.class, () -> Components.require(false, "no chromium", Map.of()));
    assertThrows(
        TestAbortedException.class,
        () -> Components.require(false, "no chromium", Map.of("CI", "false")));
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> Components.require(false, "no chromium", Map.of("CI", "true")));
    assertTrue(e.getMessage().startsWith("no chromium"), e.getMessage());
    assertTrue(Components.underCi(Map.of("CI", "1")));
    assertFalse(Components.underCi(Map.of("CI", "0")));
  }
}
