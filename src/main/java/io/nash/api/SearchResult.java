package io.nash.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nash.space.Genotype;
import java.util.List;

/**
 * What the search stage committed: the final alpha per edge ({@code alpha.json}), the derived
 * genotype ({@code genotype.json}) and one metrics record per epoch ({@code metrics.jsonl}).
 * Immutable.
 *
 * @param runId the run
 * @param backbone {@code resnet18} or {@code resnet34}
 * @param version the search space, {@code v1}..{@code v4}
 * @param alpha every edge of every group, in group then edge order
 * @param genotype the genotype derived from alpha (argmax per edge)
 * @param metrics one record per search epoch, in epoch order
 * @param location URI of the run's folder in the store
 */
public record SearchResult(
    String runId,
    String backbone,
    String version,
    List<Edge> alpha,
    Genotype genotype,
    List<Epoch> metrics,
    String location) {

  public SearchResult {
    alpha = List.copyOf(alpha);
    metrics = List.copyOf(metrics);
  }

  /** The edge {@code edge} of group {@code group}. */
  public Edge edge(int group, int edge) {
    for (Edge e : alpha) {
      if (e.group() == group && e.edge() == edge) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "alpha has no group " + group + " edge " + edge + " (" + alpha.size() + " edges)");
  }

  /**
   * The architecture parameters of one edge.
   *
   * @param ops the candidate op names of the search space, in alpha.json's order
   * @param logits the raw alpha values as stored, one per op
   * @param probabilities softmax of the logits, one per op (they sum to 1)
   */
  public record Edge(
      int group, int edge, List<String> ops, List<Float> logits, List<Double> probabilities) {
    public Edge {
      ops = List.copyOf(ops);
      logits = List.copyOf(logits);
      probabilities = List.copyOf(probabilities);
    }

    /** The probability of op {@code op}. */
    public double probability(String op) {
      int i = ops.indexOf(op);
      if (i < 0) {
        throw new IllegalArgumentException("op = '" + op + "': must be one of " + ops);
      }
      return probabilities.get(i);
    }

    /** The most probable op (the first on ties, as the genotype derivation takes it). */
    public String argmax() {
      int best = 0;
      for (int i = 1; i < probabilities.size(); i++) {
        if (probabilities.get(i) > probabilities.get(best)) {
          best = i;
        }
      }
      return ops.get(best);
    }
  }

  /**
   * One line of {@code metrics.jsonl}: averages over the epoch's rounds. Validation figures are
   * null in an epoch of weight-only warm-up rounds; the one-shot accuracy of the epoch's argmax
   * genotype is null in epochs that did not evaluate it ({@code nash.search.eval-every}).
   *
   * @param imagesPerSecond training throughput of the epoch (images/s over the round wall time)
   * @param seconds wall time of the epoch's rounds
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Epoch(
      @JsonProperty("epoch") int epoch,
      @JsonProperty("rounds") int rounds,
      @JsonProperty("train_loss") double trainLoss,
      @JsonProperty("train_acc") double trainAccuracy,
      @JsonProperty("valid_loss") Double validLoss,
      @JsonProperty("valid_acc") Double validAccuracy,
      @JsonProperty("warmup_rounds") int warmupRounds,
      @JsonProperty("images_per_s") double imagesPerSecond,
      @JsonProperty("weight_lr") double weightLr,
      @JsonProperty("skipped_arch_steps") int skippedArchSteps,
      @JsonProperty("skipped_weight_steps") int skippedWeightSteps,
      @JsonProperty("seconds") double seconds,
      @JsonProperty("genotype") String genotype,
      @JsonProperty("argmax_oneshot_acc") Double argmaxOneShotAccuracy) {}
}
