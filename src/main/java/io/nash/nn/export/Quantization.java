package io.nash.nn.export;

import io.nash.hw.onnx.GraphBuilder;
import io.nash.nn.quant.QuantAvgPool;
import io.nash.nn.quant.QuantConv2d;
import io.nash.nn.quant.QuantHardTanh;
import io.nash.nn.quant.QuantLinear;
import io.nash.nn.quant.QuantReLU;
import java.util.Map;

/**
 * What differs between the export flavours: how quantized weights, activation quantizers and the
 * truncating average pool are written. {@link ChildGraphWalker} calls these while walking the
 * network in forward order; each returns the name of the tensor it produced. Implementations hold
 * per-export state; not thread-safe.
 */
interface Quantization {
  /** The tensor holding {@code conv}'s (quantized) weights, shape (out, in, k, k). */
  String convWeights(GraphBuilder g, QuantConv2d conv);

  /**
   * The tensor holding {@code conv}'s (quantized) 1x1 weights as the bottom-right tap of a 2x2
   * kernel, the others zero, shape (out, in, 2, 2): a 2x2/2 conv with it reads {@code x[2i+1,
   * 2j+1]}, the factorized reduce's shifted half, without a crop FINN does not have.
   */
  String shiftedConvWeights(GraphBuilder g, QuantConv2d conv);

  /** The tensor holding the classifier's (quantized) weights, shape (out, in). */
  String linearWeights(GraphBuilder g, QuantLinear fc);

  /** Unsigned QuantReLU of {@code x}. */
  String relu(GraphBuilder g, String x, QuantReLU relu);

  /** Signed QuantHardTanh of {@code x}. */
  String hardTanh(GraphBuilder g, String x, QuantHardTanh ht);

  /** The truncating global average pool of {@code x} (N, C, h, w), as (N, C). */
  String avgPool(GraphBuilder g, String x, QuantAvgPool pool, int h, int w);

  /** The batch dimension of the graph input and output ({@code -1}: symbolic). */
  long batch();

  /** What the first conv reads: the graph input {@code x}, or {@code x} quantized. */
  String input(GraphBuilder g, String x);

  /** Annotates the graph input, if the flavour carries annotations. */
  void annotateInput(GraphBuilder g, String input);

  /** Operator sets to import (domain to version). */
  Map<String, Long> opsets();
}
