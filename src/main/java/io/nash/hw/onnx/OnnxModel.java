package io.nash.hw.onnx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model file (ONNX {@code ModelProto}): IR version, producer, the operator sets it imports
 * (domain to version; {@code ""} is the standard domain), the graph and free-form metadata.
 * Immutable and thread-safe.
 */
public record OnnxModel(
    long irVersion,
    String producerName,
    String producerVersion,
    Map<String, Long> opsets,
    OnnxGraph graph,
    Map<String, String> metadata) {

  /** The standard operator set every file we write imports (QONNX's preferred opset). */
  public static final long DEFAULT_OPSET = 11;

  /** IR version 8 (ONNX 1.10 files): old enough for FINN's tools, new enough for ORT. */
  public static final long DEFAULT_IR_VERSION = 8;

  public OnnxModel {
    if (irVersion < 3) {
      throw new IllegalArgumentException("ONNX ir_version = " + irVersion + ": must be >= 3");
    }
    producerName = producerName == null ? "" : producerName;
    producerVersion = producerVersion == null ? "" : producerVersion;
    if (!opsets.containsKey("")) {
      throw new IllegalArgumentException(
          "ONNX opset_import = " + opsets + ": must import the standard domain \"\"");
    }
    opsets = Collections.unmodifiableMap(new LinkedHashMap<>(opsets));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    if (graph == null) {
      throw new IllegalArgumentException("ONNX model: graph must not be null");
    }
  }
}
