package io.nash.hw.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nash.Components;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The hand-kept field numbers of {@link OnnxFields} against the descriptors of the {@code onnx}
 * Python package that FINN runs with: every constant names a (message, field) of {@code onnx.proto}
 * and must carry that field's number (or, for data types, the enum value). This is why the project
 * keeps its small encoder instead of generating classes from {@code onnx.proto} (see
 * finn-reference.md section 6.4): the numbers are checked against ONNX itself on every CI run.
 */
@Tag("finn")
class OnnxFieldsTest {
  /** Constant-name prefix to the onnx message it belongs to (longest prefix first). */
  private static final Map<String, String> MESSAGES = new LinkedHashMap<>();

  static {
    MESSAGES.put("ANNOTATION_", "TensorAnnotation");
    MESSAGES.put("ENTRY_", "StringStringEntryProto");
    MESSAGES.put("TENSOR_TYPE_", "TypeProto.Tensor");
    MESSAGES.put("VALUE_INFO_", "ValueInfoProto");
    MESSAGES.put("TYPE_", "TypeProto");
    MESSAGES.put("SHAPE_", "TensorShapeProto");
    MESSAGES.put("DIM_", "TensorShapeProto.Dimension");
    MESSAGES.put("MODEL_", "ModelProto");
    MESSAGES.put("OPSET_", "OperatorSetIdProto");
    MESSAGES.put("GRAPH_", "GraphProto");
    MESSAGES.put("NODE_", "NodeProto");
    MESSAGES.put("ATTR_", "AttributeProto");
    MESSAGES.put("TENSOR_", "TensorProto");
    MESSAGES.put("DT_", "TensorProto.DataType");
  }

  /** Constants whose field name is not the lower-cased rest of the constant's name. */
  private static final Map<String, String> FIELD_NAMES =
      Map.of(
          "MODEL_VERSION", "model_version",
          "TYPE_TENSOR_TYPE", "tensor_type",
          "DIM_VALUE", "dim_value",
          "DIM_PARAM", "dim_param");

  /** (message, field) of one constant, e.g. MODEL_IR_VERSION -> ModelProto.ir_version. */
  static String[] messageAndField(String constant) {
    for (Map.Entry<String, String> m : MESSAGES.entrySet()) {
      if (constant.startsWith(m.getKey())) {
        String field =
            FIELD_NAMES.getOrDefault(
                constant, constant.substring(m.getKey().length()).toLowerCase());
        if (m.getValue().endsWith("DataType")) {
          field = field.toUpperCase();
        }
        return new String[] {m.getValue(), field};
      }
    }
    throw new IllegalArgumentException("no onnx message for constant " + constant);
  }

  @Test
  void constantNamesMapToMessagesAndFields() {
    assertEquals(List.of("ModelProto", "ir_version"), List.of(messageAndField("MODEL_IR_VERSION")));
    assertEquals(
        List.of("TypeProto.Tensor", "elem_type"),
        List.of(messageAndField("TENSOR_TYPE_ELEM_TYPE")));
    assertEquals(List.of("TensorProto", "raw_data"), List.of(messageAndField("TENSOR_RAW_DATA")));
    assertEquals(List.of("TensorProto.DataType", "INT64"), List.of(messageAndField("DT_INT64")));
    assertEquals(List.of("TypeProto", "tensor_type"), List.of(messageAndField("TYPE_TENSOR_TYPE")));
  }

  @Test
  void everyFieldNumberEqualsOnnxProto() throws Exception {
    String home = System.getenv("FINN_HOME");
    Components.require(
        home != null && !home.isBlank() && Files.isExecutable(Path.of(home, "python")),
        "FINN_HOME with an executable python (the FINN toolbox, which has the onnx package) is"
            + " needed to read onnx.proto's descriptors; .ci/run sets it");
    Map<String, Integer> ours = new TreeMap<>();
    for (Field f : OnnxFields.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
        f.setAccessible(true);
        ours.put(f.getName(), f.getInt(null));
      }
    }
    StringBuilder py = new StringBuilder("import onnx\n");
    py.append("def num(msg, field):\n");
    py.append("    path = msg.split('.')\n");
    py.append("    if path[-1] == 'DataType':\n");
    py.append("        return onnx.TensorProto.DataType.Value(field)\n");
    py.append("    d = getattr(onnx, path[0]).DESCRIPTOR\n");
    py.append("    for p in path[1:]:\n");
    py.append("        d = d.nested_types_by_name[p]\n");
    py.append("    return d.fields_by_name[field].number\n");
    List<String> names = new ArrayList<>(ours.keySet());
    for (String c : names) {
      String[] mf = messageAndField(c);
      py.append("print('").append(c).append("', num('").append(mf[0]).append("', '");
      py.append(mf[1]).append("'))\n");
    }
    Map<String, Integer> onnx = runPython(Path.of(home, "python"), py.toString());
    assertEquals(ours, onnx, "OnnxFields vs the onnx package's descriptors");
  }

  private static Map<String, Integer> runPython(Path python, String script)
      throws IOException, InterruptedException {
    Path f = Files.createTempFile("onnx-fields", ".py");
    try {
      Files.writeString(f, script);
      Process p =
          new ProcessBuilder(python.toString(), f.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError("python failed: " + out);
      }
      Map<String, Integer> m = new TreeMap<>();
      for (String line : out.strip().split("\n")) {
        String[] kv = line.strip().split(" ");
        m.put(kv[0], Integer.parseInt(kv[1]));
      }
      return m;
    } finally {
      Files.deleteIfExists(f);
    }
  }
}
