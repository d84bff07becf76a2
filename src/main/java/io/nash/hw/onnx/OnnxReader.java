package io.nash.hw.onnx;

import static io.nash.hw.onnx.OnnxFields.*;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes ONNX protobuf bytes into an {@link OnnxModel} with {@link CodedInputStream}, for tests
 * and tools. It understands what {@link OnnxWriter} writes and what common exporters write for the
 * same fields: tensors in {@code raw_data}, {@code float_data}, {@code int32_data} or {@code
 * int64_data} (packed or not), and every attribute kind of {@link OnnxAttribute.Kind}. Fields it
 * does not model (doc strings, training info, functions, sparse tensors) are skipped; a tensor of
 * another data type, or an attribute holding a tensor or graph, fails with a message naming it.
 * Stateless and thread-safe.
 */
public final class OnnxReader {
  private OnnxReader() {}

  /** Parses a model file. */
  public static OnnxModel read(Path file) {
    try {
      return parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ONNX model " + file, e);
    }
  }

  /** Parses the bytes of a {@code ModelProto}. */
  public static OnnxModel parse(byte[] bytes) {
    try {
      return model(CodedInputStream.newInstance(bytes));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a valid ONNX protobuf: " + e.getMessage(), e);
    }
  }

  private static OnnxModel model(CodedInputStream in) throws IOException {
    long ir = 0;
    String producer = "";
    String producerVersion = "";
    OnnxGraph graph = null;
    Map<String, Long> opsets = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case MODEL_IR_VERSION -> ir = in.readInt64();
        case MODEL_PRODUCER_NAME -> producer = in.readString();
        case MODEL_PRODUCER_VERSION -> producerVersion = in.readString();
        case MODEL_GRAPH -> graph = graph(sub(in));
        case MODEL_OPSET_IMPORT -> {
          CodedInputStream o = sub(in);
          String domain = "";
          long version = 0;
          for (int t = o.readTag(); t != 0; t = o.readTag()) {
            switch (WireFormat.getTagFieldNumber(t)) {
              case OPSET_DOMAIN -> domain = o.readString();
              case OPSET_VERSION -> version = o.readInt64();
              default -> o.skipField(t);
            }
          }
          opsets.put(domain, version);
        }
        case MODEL_METADATA_PROPS -> {
          String[] kv = entry(sub(in));
          metadata.put(kv[0], kv[1]);
        }
        default -> in.skipField(tag);
      }
    }
    return new OnnxModel(ir, producer, producerVersion, opsets, graph, metadata);
  }

  private static OnnxGraph graph(CodedInputStream in) throws IOException {
    String name = "";
    List<OnnxNode> nodes = new ArrayList<>();
    List<OnnxTensor> inits = new ArrayList<>();
    List<OnnxValueInfo> inputs = new ArrayList<>();
    List<OnnxValueInfo> outputs = new ArrayList<>();
    List<OnnxValueInfo> infos = new ArrayList<>();
    List<OnnxAnnotation> annotations = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case GRAPH_NODE -> nodes.add(node(sub(in)));
        case GRAPH_NAME -> name = in.readString();
        case GRAPH_INITIALIZER -> inits.add(tensor(sub(in)));
        case GRAPH_INPUT -> inputs.add(valueInfo(sub(in)));
        case GRAPH_OUTPUT -> outputs.add(valueInfo(sub(in)));
        case GRAPH_VALUE_INFO -> infos.add(valueInfo(sub(in)));
        case GRAPH_QUANTIZATION_ANNOTATION -> annotations.add(annotation(sub(in)));
        default -> in.skipField(tag);
      }
    }
    // older exporters list initializers among the inputs too; keep only real inputs
    List<OnnxValueInfo> realInputs =
        inputs.stream()
            .filter(v -> inits.stream().noneMatch(t -> t.name().equals(v.name())))
            .toList();
    return new OnnxGraph(
        name.isEmpty() ? "graph" : name, nodes, inits, realInputs, outputs, infos, annotations);
  }

  private static OnnxNode node(CodedInputStream in) throws IOException {
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    String name = "";
    String opType = "";
    String domain = "";
    List<OnnxAttribute> attrs = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case NODE_INPUT -> inputs.add(in.readString());
        case NODE_OUTPUT -> outputs.add(in.readString());
        case NODE_NAME -> name = in.readString();
        case NODE_OP_TYPE -> opType = in.readString();
        case NODE_ATTRIBUTE -> attrs.add(attribute(sub(in)));
        case NODE_DOMAIN -> domain = in.readString();
        default -> in.skipField(tag);
      }
    }
    // node names are optional in ONNX; give unnamed nodes a stable one
    return new OnnxNode(
        name.isEmpty() ? opType + "_" + String.join("_", outputs) : name,
        opType,
        domain,
        inputs,
        outputs,
        attrs);
  }

  private static OnnxAttribute attribute(CodedInputStream in) throws IOException {
    String name = "";
    int type = 0;
    float f = 0;
    long i = 0;
    String s = null;
    List<Float> floats = new ArrayList<>();
    List<Long> ints = new ArrayList<>();
    List<String> strings = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int field = WireFormat.getTagFieldNumber(tag);
      boolean packed = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
      switch (field) {
        case ATTR_NAME -> name = in.readString();
        case ATTR_F -> f = in.readFloat();
        case ATTR_I -> i = in.readInt64();
        case ATTR_S -> s = in.readBytes().toStringUtf8();
        case ATTR_FLOATS -> readFloats(in, packed, floats);
        case ATTR_INTS -> readLongs(in, packed, ints);
        case ATTR_STRINGS -> strings.add(in.readBytes().toStringUtf8());
        case ATTR_TYPE -> type = in.readInt32();
        default -> in.skipField(tag);
      }
    }
    return switch (OnnxAttribute.Kind.ofCode(type)) {
      case FLOAT -> OnnxAttribute.of(name, f);
      case INT -> OnnxAttribute.of(name, i);
      case STRING -> OnnxAttribute.of(name, s == null ? "" : s);
      case FLOATS -> {
        float[] v = new float[floats.size()];
        for (int k = 0; k < v.length; k++) {
          v[k] = floats.get(k);
        }
        yield OnnxAttribute.floats(name, v);
      }
      case INTS -> OnnxAttribute.ints(name, ints.stream().mapToLong(Long::longValue).toArray());
      case STRINGS -> OnnxAttribute.strings(name, strings);
    };
  }

  private static OnnxTensor tensor(CodedInputStream in) throws IOException {
    List<Long> dims = new ArrayList<>();
    int dataType = 0;
    String name = "";
    byte[] raw = null;
    List<Float> floats = new ArrayList<>();
    List<Long> longs = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      boolean packed = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
      switch (WireFormat.getTagFieldNumber(tag)) {
        case TENSOR_DIMS -> readLongs(in, packed, dims);
        case TENSOR_DATA_TYPE -> dataType = in.readInt32();
        case TENSOR_FLOAT_DATA -> readFloats(in, packed, floats);
        case TENSOR_INT32_DATA, TENSOR_INT64_DATA -> readLongs(in, packed, longs);
        case TENSOR_NAME -> name = in.readString();
        case TENSOR_RAW_DATA -> raw = in.readByteArray();
        default -> in.skipField(tag);
      }
    }
    long[] d = dims.stream().mapToLong(Long::longValue).toArray();
    if (dataType == DT_FLOAT) {
      float[] v;
      if (raw != null) {
        v = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
      } else {
        v = new float[floats.size()];
        for (int k = 0; k < v.length; k++) {
          v[k] = floats.get(k);
        }
      }
      return OnnxTensor.floats(name, d, v);
    }
    if (dataType == DT_INT64 || dataType == DT_INT32) {
      long[] v;
      if (raw != null && dataType == DT_INT64) {
        v = new long[raw.length / 8];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(v);
      } else if (raw != null) {
        int[] iv = new int[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(iv);
        v = java.util.Arrays.stream(iv).asLongStream().toArray();
      } else {
        v = longs.stream().mapToLong(Long::longValue).toArray();
      }
      return OnnxTensor.int64s(name, d, v);
    }
    throw new IllegalArgumentException(
        "initializer " + name + ": data_type " + dataType + ": supported are 1 (FLOAT), 6, 7");
  }

  private static OnnxValueInfo valueInfo(CodedInputStream in) throws IOException {
    String name = "";
    int elem = DT_FLOAT;
    List<Long> dims = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case VALUE_INFO_NAME -> name = in.readString();
        case VALUE_INFO_TYPE -> {
          CodedInputStream type = sub(in);
          for (int t = type.readTag(); t != 0; t = type.readTag()) {
            if (WireFormat.getTagFieldNumber(t) != TYPE_TENSOR_TYPE) {
              type.skipField(t);
              continue;
            }
            CodedInputStream tt = sub(type);
            for (int u = tt.readTag(); u != 0; u = tt.readTag()) {
              switch (WireFormat.getTagFieldNumber(u)) {
                case TENSOR_TYPE_ELEM_TYPE -> elem = tt.readInt32();
                case TENSOR_TYPE_SHAPE -> readShape(sub(tt), dims);
                default -> tt.skipField(u);
              }
            }
          }
        }
        default -> in.skipField(tag);
      }
    }
    OnnxTensor.Type t = elem == DT_INT64 ? OnnxTensor.Type.INT64 : OnnxTensor.Type.FLOAT;
    return new OnnxValueInfo(name, t, dims.stream().mapToLong(Long::longValue).toArray());
  }

  private static void readShape(CodedInputStream shape, List<Long> dims) throws IOException {
    for (int t = shape.readTag(); t != 0; t = shape.readTag()) {
      if (WireFormat.getTagFieldNumber(t) != SHAPE_DIM) {
        shape.skipField(t);
        continue;
      }
      CodedInputStream dim = sub(shape);
      long value = OnnxValueInfo.SYMBOLIC;
      for (int u = dim.readTag(); u != 0; u = dim.readTag()) {
        if (WireFormat.getTagFieldNumber(u) == DIM_VALUE) {
          value = dim.readInt64();
        } else {
          dim.skipField(u);
        }
      }
      dims.add(value);
    }
  }

  private static OnnxAnnotation annotation(CodedInputStream in) throws IOException {
    String tensor = "";
    Map<String, String> entries = new LinkedHashMap<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case ANNOTATION_TENSOR_NAME -> tensor = in.readString();
        case ANNOTATION_QUANT_PARAMETER_TENSOR_NAMES -> {
          String[] kv = entry(sub(in));
          entries.put(kv[0], kv[1]);
        }
        default -> in.skipField(tag);
      }
    }
    return new OnnxAnnotation(tensor, entries);
  }

  private static String[] entry(CodedInputStream in) throws IOException {
    String key = "";
    String value = "";
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case ENTRY_KEY -> key = in.readString();
        case ENTRY_VALUE -> value = in.readString();
        default -> in.skipField(tag);
      }
    }
    return new String[] {key, value};
  }

  private static void readLongs(CodedInputStream in, boolean packed, List<Long> out)
      throws IOException {
    if (!packed) {
      out.add(in.readInt64());
      return;
    }
    int limit = in.pushLimit(in.readRawVarint32());
    while (in.getBytesUntilLimit() > 0) {
      out.add(in.readInt64());
    }
    in.popLimit(limit);
  }

  private static void readFloats(CodedInputStream in, boolean packed, List<Float> out)
      throws IOException {
    if (!packed) {
      out.add(in.readFloat());
      return;
    }
    int limit = in.pushLimit(in.readRawVarint32());
    while (in.getBytesUntilLimit() > 0) {
      out.add(in.readFloat());
    }
    in.popLimit(limit);
  }

  /** A stream over the next length-delimited field (an embedded message). */
  private static CodedInputStream sub(CodedInputStream in) throws IOException {
    return CodedInputStream.newInstance(in.readByteArray());
  }
}
