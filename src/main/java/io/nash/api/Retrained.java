package io.nash.api;

/**
 * One network of the retraining stage: trained from scratch, tested ({@code accuracy.json}) and
 * exported as QONNX. Immutable.
 *
 * @param candidateId the candidate id ({@code baseline} for the non-NASH baseline)
 * @param top1 top-1 test accuracy in [0, 1]
 * @param top5 top-5 test accuracy in [0, 1], or null when not measured (fewer than 5 classes)
 * @param epochs retraining epochs, or null if not recorded
 * @param quant quantization preset of the network, or null if not recorded
 * @param modelUri URI of the QONNX model in the store (what synthesis and FINN read)
 */
public record Retrained(
    String candidateId, double top1, Double top5, Integer epochs, String quant, String modelUri) {}
