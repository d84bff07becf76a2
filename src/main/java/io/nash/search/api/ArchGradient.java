package io.nash.search.api;

import java.util.Locale;

/**
 * How the architecture step computes the alpha gradient ({@code nash.search.arch-gradient}). {@code
 * EXACT} (the default): every candidate of every edge is evaluated and the gradient is the method's
 * exactly. {@code TWO_PATH} (after ProxylessNAS): per edge only two candidates drawn from
 * softmax(alpha) are evaluated besides the sampled op, and the gradient is an unbiased estimate of
 * the exact one given the batch, weights and sampled path ({@code io.nash.nn.PathPairs} states the
 * estimator).
 */
public enum ArchGradient {
  EXACT,
  TWO_PATH;

  /** The setting's value for this mode: {@code exact} or {@code two-path}. */
  public String settingName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static ArchGradient fromName(String name) {
    for (ArchGradient g : values()) {
      if (g.settingName().equals(name)) {
        return g;
      }
    }
    throw new IllegalArgumentException(
        "nash.search.arch-gradient = '" + name + "': allowed are exact, two-path");
  }
}
