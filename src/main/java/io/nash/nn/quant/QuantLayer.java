package io.nash.nn.quant;

import java.util.List;

/**
 * A layer of a quantized child network with a stable name, for introspection (the QONNX exporter
 * walks these) and checkpointing. Implementations describe their quantizer in {@link #describe()}.
 */
public interface QuantLayer {
  /** Stable dotted name, e.g. {@code g0.n1.conv}. */
  String name();

  /** The layer's tensors (empty for parameter-free layers), in a fixed order. */
  List<Param> params();

  /** One line: kind, shape and quantizer settings, e.g. {@code QuantConv2d 16->32 k3 s2 w8}. */
  String describe();
}
