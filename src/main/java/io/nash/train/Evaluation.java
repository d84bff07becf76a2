package io.nash.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Test-split figures of a trained network: top-1 and top-5 accuracy (fractions; top-5 null below 5
 * classes), mean cross-entropy without smoothing, and the network's size. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evaluation(
    @JsonProperty("top1") double top1,
    @JsonProperty("top5") Double top5,
    @JsonProperty("testLoss") double testLoss,
    @JsonProperty("testImages") long testImages,
    @JsonProperty("parameters") long parameters,
    @JsonProperty("macs") long macs,
    @JsonProperty("weightBits") long weightBits) {

  /** Lines for the console. */
  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "top1 %.2f%%  top5 %s  test loss %.4f  (%d test images)%n"
            + "parameters %,d  MACs/image %,d  weight bits %,d",
        100 * top1,
        top5 == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f%%", 100 * top5),
        testLoss,
        testImages,
        parameters,
        macs,
        weightBits);
  }
}
