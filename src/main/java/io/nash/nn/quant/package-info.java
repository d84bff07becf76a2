/**
 * Brevitas-style quantized layers on DJL arrays: the quantizers, which follow the QONNX {@code
 * Quant} op with straight-through rounding ({@code Quantizers}), {@code QuantConv2d}, {@code
 * QuantLinear}, {@code QuantReLU}, {@code QuantHardTanh}, the truncating {@code QuantAvgPool},
 * {@code BatchNorm2d} and the parameter holders. See nash-method.md section 4.2.
 *
 * <p>Dependencies: a leaf; imports no other {@code io.nash} package, only DJL.
 */
package io.nash.nn.quant;
