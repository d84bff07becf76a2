package io.nash.hw.onnx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code TensorAnnotation} of {@code graph.quantization_annotation}: key/value entries about one
 * tensor, as QONNX stores {@code finn_datatype} (e.g. {@code "INT4"}) and {@code tensor_layout}.
 * Entry order is kept. Immutable and thread-safe.
 */
public record OnnxAnnotation(String tensorName, Map<String, String> entries) {
  /** The key under which QONNX stores a tensor's FINN datatype. */
  public static final String FINN_DATATYPE = "finn_datatype";

  public OnnxAnnotation {
    OnnxTensor.requireName(tensorName);
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** One {@code finn_datatype} entry for {@code tensor}. */
  public static OnnxAnnotation finnDatatype(String tensor, String datatype) {
    return new OnnxAnnotation(tensor, Map.of(FINN_DATATYPE, datatype));
  }
}
