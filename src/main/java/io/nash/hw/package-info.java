/**
 * The FINN v0.10.1 hardware model in plain Java: lowering a NASH network or the baseline to FINN's
 * hardware layers ({@code Lowering}, {@code GraphBuilder}, {@code HwGraph} and the {@code HwOp}
 * records), FINN's per-layer cycle and resource formulas ({@code FinnCost}), FINN's {@code
 * SetFolding} and the project's {@code ResourceAwareFolding}, the estimate reports ({@code
 * Estimator}, {@code HwReport}), devices and budgets ({@code Device}, {@code DeviceCatalog}), the
 * files of a FINN build folder ({@code FinnConfigs}, {@code FinnBuildPackage}; the Python build
 * steps are resources under {@code io/nash/hw/finn/}), the runner of a real FINN build ({@code
 * FinnRunner}), the layer-by-layer comparison with it ({@code FinnComparison}) and the trained
 * values that decide FINN's data-dependent widths ({@code TrainedValues}). See finn-reference.md.
 *
 * <p>Dependencies: may import {@code space} and its sub-package {@code hw.onnx} (the ONNX encoding,
 * which {@code TrainedValues} reads a model with), plus Jackson. No Spark and no DJL, so the model
 * stays fast to test.
 */
package io.nash.hw;
