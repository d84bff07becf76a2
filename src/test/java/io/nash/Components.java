package io.nash;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * External components a test needs (Chromium, Fashion-MNIST, a FINN install): outside CI a missing
 * one skips the test with the message; under CI ({@code CI} set to anything but {@code false} or
 * {@code 0}, as {@code .ci/run} does) it fails the test, so CI never passes by skipping.
 */
public final class Components {
  private Components() {}

  /** Skips (or, under CI, fails) the calling test unless {@code present}. */
  public static void require(boolean present, String message) {
    require(present, message, System.getenv());
  }

  static void require(boolean present, String message, Map<String, String> env) {
    if (present) {
      return;
    }
    if (underCi(env)) {
      throw new AssertionError(message + " (CI is set: a missing component fails the run)");
    }
    Assumptions.abort(message);
  }

  static boolean underCi(Map<String, String> env) {
    String ci = env.get("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
  }
}
