package io.nash.cli;

import io.nash.nn.export.ExportFormat;
import io.nash.space.Architecture;
import io.nash.store.Store;
import io.nash.train.Checkpoint;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nash export}: a trained network as QONNX (for FINN) or plain ONNX (ONNX Runtime). */
@Command(
    name = "export",
    showDefaultValues = true,
    description =
        "Export a trained checkpoint as QONNX (Quant/BipolarQuant nodes, finn_datatype"
            + " annotations, opset 11: FINN's input) or plain ONNX (quantized weights as floats).")
final class ExportCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Mixin StoreOptions store;

  @Mixin CheckpointOption checkpoint;

  @Option(names = "--format", defaultValue = "qonnx", description = "qonnx | onnx")
  String format;

  @Option(names = "--out", defaultValue = "model.onnx", description = "Output file.")
  Path out;

  @Override
  public Integer call() {
    ExportFormat f = ExportFormat.parse(format);
    try (Store st = store.open()) {
      Checkpoint c =
          Checkpoint.newest(st, checkpoint.path)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--checkpoint = '"
                              + checkpoint.path
                              + "': no committed checkpoint in "
                              + st.uriOf(checkpoint.path)));
      Architecture arch = c.exportNetwork(f, out);
      System.out.printf(
          "export: %s epoch %d -> %s (%s)%n",
          arch.label(), c.meta().epoch(), out.toAbsolutePath(), format);
    }
    return 0;
  }
}
