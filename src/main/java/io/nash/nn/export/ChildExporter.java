package io.nash.nn.export;

import ai.djl.ndarray.NDManager;
import io.nash.hw.onnx.OnnxModel;
import io.nash.hw.onnx.OnnxWriter;
import io.nash.nn.child.ChildConfig;
import io.nash.nn.child.ChildNetwork;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Exports a trained quantized child network as ONNX: {@link ExportFormat#QONNX} for FINN, {@link
 * ExportFormat#ONNX} for ONNX Runtime. The network is read, never changed; export it in eval
 * semantics (BN running statistics). Stateless; call it from the thread that owns the network.
 */
public final class ChildExporter {
  private ChildExporter() {}

  /** The model of {@code net} in {@code format}. */
  public static OnnxModel toModel(ChildNetwork net, ExportFormat format) {
    Objects.requireNonNull(net, "net");
    Objects.requireNonNull(format, "format");
    return ChildGraphWalker.toModel(net, format);
  }

  /** The encoded model file of {@code net} in {@code format}. */
  public static byte[] toBytes(ChildNetwork net, ExportFormat format) {
    return OnnxWriter.toBytes(toModel(net, format));
  }

  /** Writes {@code net} in {@code format} to {@code out} (atomically: temp file, then rename). */
  public static void write(ChildNetwork net, ExportFormat format, Path out) {
    OnnxWriter.write(toModel(net, format), out);
  }

  /**
   * The CLI's entry point ({@code nash export --checkpoint DIR --format qonnx|onnx --out FILE}):
   * builds the network of {@code config}, loads {@code weights} (every tensor by its stable name,
   * as {@link ChildNetwork#snapshot()} gives them; a missing or mis-sized tensor fails before
   * anything is written) and writes it in {@code format}. The caller reads config and weights from
   * the training checkpoint.
   */
  public static void write(
      ChildConfig config, Map<String, float[]> weights, ExportFormat format, Path out) {
    try (NDManager manager = NDManager.newBaseManager();
        ChildNetwork net = ChildNetwork.build(config, manager, 0)) {
      net.load(weights, true);
      write(net, format, out);
    }
  }
}
