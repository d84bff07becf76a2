/**
 * Export of a trained child network as ONNX: QONNX for FINN ({@code QonnxQuantization}, each layer
 * as Brevitas exports it) or standard ONNX for ONNX Runtime ({@code FloatQuantization}). {@code
 * ChildGraphWalker} walks the network in forward order, {@code WeightValues} reads its quantized
 * constants and {@code ChildExporter} is the entry point. See finn-reference.md section 6.
 *
 * <p>Dependencies: may import {@code io.nash} (the producer version), {@code hw.onnx} (the
 * encoder), {@code nn.child}, {@code nn.quant}, {@code space} (the input shape) and DJL.
 */
package io.nash.nn.export;
