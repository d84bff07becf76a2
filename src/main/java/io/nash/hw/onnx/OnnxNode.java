package io.nash.hw.onnx;

import java.util.List;
import java.util.Optional;

/**
 * One operator of a graph (ONNX {@code NodeProto}). An empty {@code domain} is the standard ONNX
 * domain; QONNX custom ops use {@code "qonnx.custom_op.general"}. An empty input name is an omitted
 * optional input. Immutable and thread-safe.
 */
public record OnnxNode(
    String name,
    String opType,
    String domain,
    List<String> inputs,
    List<String> outputs,
    List<OnnxAttribute> attributes) {

  public OnnxNode {
    OnnxTensor.requireName(name);
    OnnxTensor.requireName(opType);
    domain = domain == null ? "" : domain;
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    attributes = List.copyOf(attributes);
    if (outputs.isEmpty()) {
      throw new IllegalArgumentException("node " + name + " (" + opType + "): has no outputs");
    }
  }

  /** The attribute called {@code attr}, if present. */
  public Optional<OnnxAttribute> attribute(String attr) {
    return attributes.stream().filter(a -> a.name().equals(attr)).findFirst();
  }
}
