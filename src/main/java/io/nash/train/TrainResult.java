package io.nash.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nash.space.Architecture;
import java.util.Map;

/**
 * The content of {@code result.json}: what was trained, its test figures and the cost of training.
 * Immutable.
 *
 * @param architecture v1..v4 or baseline
 * @param genotype the genotype (or "resnet18 baseline") as text
 * @param seconds training time summed over all sessions of a resumed run (test passes excluded)
 * @param imagesPerSec training images per second over that time
 * @param trainImages images in the training split
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainResult(
    @JsonProperty("architecture") String architecture,
    @JsonProperty("genotype") String genotype,
    @JsonProperty("quant") String quant,
    @JsonProperty("width") int width,
    @JsonProperty("seed") long seed,
    @JsonProperty("top1") double top1,
    @JsonProperty("top5") Double top5,
    @JsonProperty("testLoss") double testLoss,
    @JsonProperty("testImages") long testImages,
    @JsonProperty("parameters") long parameters,
    @JsonProperty("macs") long macs,
    @JsonProperty("weightBits") long weightBits,
    @JsonProperty("epochs") int epochs,
    @JsonProperty("seconds") double seconds,
    @JsonProperty("imagesPerSec") double imagesPerSec,
    @JsonProperty("trainImages") long trainImages,
    @JsonProperty("settings") Map<String, String> settings,
    @JsonProperty("provenance") Map<String, String> provenance) {

  static TrainResult of(
      TrainSettings s,
      Architecture a,
      Evaluation e,
      double seconds,
      long imagesSeen,
      long trainImages,
      Map<String, String> provenance) {
    return new TrainResult(
        a.label(),
        a.toString(),
        s.quant(),
        s.width(),
        s.seed(),
        e.top1(),
        e.top5(),
        e.testLoss(),
        e.testImages(),
        e.parameters(),
        e.macs(),
        e.weightBits(),
        s.epochs(),
        seconds,
        seconds > 0 ? imagesSeen / seconds : 0,
        trainImages,
        s.asMap(),
        provenance);
  }

  /** The test figures alone. */
  public Evaluation evaluation() {
    return new Evaluation(top1, top5, testLoss, testImages, parameters, macs, weightBits);
  }
}
