package io.nash.nn.export;

import java.util.Locale;

/**
 * The two ONNX flavours a trained child network is exported as. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link #QONNX}: for FINN. Float weights behind {@code Quant}/{@code BipolarQuant} nodes,
 *       activations as {@code Relu -> Quant} and {@code Quant}/{@code BipolarQuant} (the residual
 *       operands), the average pool as {@code AveragePool -> Mul -> Trunc}, {@code finn_datatype}
 *       annotations. Custom ops in domain {@code qonnx.custom_op.general}. ONNX Runtime cannot run
 *       it (no kernels for the custom ops).
 *   <li>{@link #ONNX}: standard ops only, for ONNX Runtime and other tools. Weights are the
 *       quantized values as floats; activation quantizers are {@code Clip/Div/Round/Clip/Mul}.
 * </ul>
 */
public enum ExportFormat {
  QONNX,
  ONNX;

  /** {@code qonnx} or {@code onnx} (case-insensitive). */
  public static ExportFormat parse(String s) {
    String n = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "qonnx" -> QONNX;
      case "onnx" -> ONNX;
      default ->
          throw new IllegalArgumentException(
              "export format = '" + s + "': allowed are qonnx, onnx");
    };
  }
}
