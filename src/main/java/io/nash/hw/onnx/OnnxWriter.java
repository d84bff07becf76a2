package io.nash.hw.onnx;

import static io.nash.hw.onnx.OnnxFields.*;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Encodes an {@link OnnxModel} as ONNX protobuf bytes with protobuf-java's {@link
 * CodedOutputStream} and the field numbers of onnx.proto ({@link OnnxFields}). Each embedded
 * message is encoded to its own byte array first and written as a length-delimited field, which is
 * simple and fast enough for networks of a few million weights. Float tensors go to {@code
 * raw_data} (little-endian, as onnx.proto specifies), int64 tensors to packed {@code int64_data}.
 * Stateless and thread-safe.
 */
public final class OnnxWriter {
  private OnnxWriter() {}

  /** The encoded {@code ModelProto}. */
  public static byte[] toBytes(OnnxModel model) {
    return message(
        out -> {
          out.writeInt64(MODEL_IR_VERSION, model.irVersion());
          writeString(out, MODEL_PRODUCER_NAME, model.producerName());
          writeString(out, MODEL_PRODUCER_VERSION, model.producerVersion());
          out.writeByteArray(MODEL_GRAPH, graph(model.graph()));
          for (Map.Entry<String, Long> e : model.opsets().entrySet()) {
            out.writeByteArray(
                MODEL_OPSET_IMPORT,
                message(
                    o -> {
                      o.writeString(OPSET_DOMAIN, e.getKey());
                      o.writeInt64(OPSET_VERSION, e.getValue());
                    }));
          }
          for (Map.Entry<String, String> e : model.metadata().entrySet()) {
            out.writeByteArray(MODEL_METADATA_PROPS, entry(e.getKey(), e.getValue()));
          }
        });
  }

  /**
   * Writes the model to {@code file} through a temporary sibling and an atomic rename, so a failed
   * write never leaves a truncated model under the final name.
   */
  public static void write(OnnxModel model, Path file) {
    byte[] bytes = toBytes(model);
    Path abs = file.toAbsolutePath();
    try {
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write ONNX model " + file, e);
    }
  }

  static byte[] graph(OnnxGraph g) {
    return message(
        out -> {
          for (OnnxNode n : g.nodes()) {
            out.writeByteArray(GRAPH_NODE, node(n));
          }
          out.writeString(GRAPH_NAME, g.name());
          for (OnnxTensor t : g.initializers()) {
            out.writeByteArray(GRAPH_INITIALIZER, tensor(t));
          }
          for (OnnxValueInfo v : g.inputs()) {
            out.writeByteArray(GRAPH_INPUT, valueInfo(v));
          }
          for (OnnxValueInfo v : g.outputs()) {
            out.writeByteArray(GRAPH_OUTPUT, valueInfo(v));
          }
          for (OnnxValueInfo v : g.valueInfo()) {
            out.writeByteArray(GRAPH_VALUE_INFO, valueInfo(v));
          }
          for (OnnxAnnotation a : g.annotations()) {
            out.writeByteArray(GRAPH_QUANTIZATION_ANNOTATION, annotation(a));
          }
        });
  }

  static byte[] node(OnnxNode n) {
    return message(
        out -> {
          for (String in : n.inputs()) {
            out.writeString(NODE_INPUT, in);
          }
          for (String o : n.outputs()) {
            out.writeString(NODE_OUTPUT, o);
          }
          out.writeString(NODE_NAME, n.name());
          out.writeString(NODE_OP_TYPE, n.opType());
          for (OnnxAttribute a : n.attributes()) {
            out.writeByteArray(NODE_ATTRIBUTE, attribute(a));
          }
          writeString(out, NODE_DOMAIN, n.domain());
        });
  }

  static byte[] attribute(OnnxAttribute a) {
    return message(
        out -> {
          out.writeString(ATTR_NAME, a.name());
          switch (a.kind()) {
            case FLOAT -> out.writeFloat(ATTR_F, a.f());
            case INT -> out.writeInt64(ATTR_I, a.i());
            case STRING -> out.writeString(ATTR_S, a.s());
            // proto2 repeated scalars are unpacked unless declared packed; write them unpacked
            case FLOATS -> {
              for (float f : a.floats()) {
                out.writeFloat(ATTR_FLOATS, f);
              }
            }
            case INTS -> {
              for (long i : a.ints()) {
                out.writeInt64(ATTR_INTS, i);
              }
            }
            case STRINGS -> {
              for (String s : a.strings()) {
                out.writeString(ATTR_STRINGS, s);
              }
            }
          }
          out.writeInt32(ATTR_TYPE, a.kind().code());
        });
  }

  static byte[] tensor(OnnxTensor t) {
    return message(
        out -> {
          for (long d : t.dims()) {
            out.writeInt64(TENSOR_DIMS, d);
          }
          out.writeInt32(TENSOR_DATA_TYPE, t.type().code());
          out.writeString(TENSOR_NAME, t.name());
          if (t.type() == OnnxTensor.Type.FLOAT) {
            float[] v = t.floatsView();
            ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            out.writeByteArray(TENSOR_RAW_DATA, b.array());
          } else {
            long[] v = t.longsView();
            ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(v);
            out.writeByteArray(TENSOR_RAW_DATA, b.array());
          }
        });
  }

  static byte[] valueInfo(OnnxValueInfo v) {
    byte[] shape =
        message(
            out -> {
              for (long d : v.dims()) {
                byte[] dim =
                    message(
                        o -> {
                          if (d == OnnxValueInfo.SYMBOLIC) {
                            o.writeString(DIM_PARAM, OnnxValueInfo.SYMBOLIC_NAME);
                          } else {
                            o.writeInt64(DIM_VALUE, d);
                          }
                        });
                out.writeByteArray(SHAPE_DIM, dim);
              }
            });
    byte[] tensorType =
        message(
            out -> {
              out.writeInt32(TENSOR_TYPE_ELEM_TYPE, v.type().code());
              out.writeByteArray(TENSOR_TYPE_SHAPE, shape);
            });
    byte[] type = message(out -> out.writeByteArray(TYPE_TENSOR_TYPE, tensorType));
    return message(
        out -> {
          out.writeString(VALUE_INFO_NAME, v.name());
          out.writeByteArray(VALUE_INFO_TYPE, type);
        });
  }

  static byte[] annotation(OnnxAnnotation a) {
    return message(
        out -> {
          out.writeString(ANNOTATION_TENSOR_NAME, a.tensorName());
          for (Map.Entry<String, String> e : a.entries().entrySet()) {
            out.writeByteArray(
                ANNOTATION_QUANT_PARAMETER_TENSOR_NAMES, entry(e.getKey(), e.getValue()));
          }
        });
  }

  static byte[] entry(String key, String value) {
    return message(
        out -> {
          out.writeString(ENTRY_KEY, key);
          out.writeString(ENTRY_VALUE, value);
        });
  }

  private static void writeString(CodedOutputStream out, int field, String s) throws IOException {
    if (!s.isEmpty()) {
      out.writeString(field, s);
    }
  }

  /** Body of one message. */
  @FunctionalInterface
  interface Body {
    void write(CodedOutputStream out) throws IOException;
  }

  static byte[] message(Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      body.write(out);
      out.flush();
    } catch (IOException e) {
      // a ByteArrayOutputStream does not throw; keep the signature honest anyway
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
