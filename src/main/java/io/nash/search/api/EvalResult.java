package io.nash.search.api;

/**
 * One-shot evaluation of a candidate: mean loss and accuracy over {@code samples} validation
 * samples. Immutable.
 */
public record EvalResult(double loss, double accuracy, long samples) {
  public EvalResult {
    if (samples < 1 || !(accuracy >= 0 && accuracy <= 1)) {
      throw new IllegalArgumentException(
          "eval result samples = " + samples + ", accuracy = " + accuracy + ": need >= 1, [0, 1]");
    }
  }
}
