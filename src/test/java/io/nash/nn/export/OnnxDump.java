package io.nash.nn.export;

import io.nash.hw.onnx.OnnxAnnotation;
import io.nash.hw.onnx.OnnxAttribute;
import io.nash.hw.onnx.OnnxGraph;
import io.nash.hw.onnx.OnnxModel;
import io.nash.hw.onnx.OnnxNode;
import io.nash.hw.onnx.OnnxTensor;
import io.nash.hw.onnx.OnnxValueInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * A canonical text dump of an ONNX model for golden files: IR version, producer, opset imports,
 * metadata, the graph's inputs, outputs and value infos with their types and shapes, every
 * initializer with its type, shape and a SHA-256 of its values (little-endian bit patterns, so any
 * change of any bit shows; tensors of at most 8 values are also listed), every node in graph order
 * with domain, op type, inputs, outputs and attributes (floats as {@link Float#toString}, which
 * differs for any two different floats), and the quantization annotations. One item per line, so a
 * diff names what changed.
 */
final class OnnxDump {
  private OnnxDump() {}

  static String of(OnnxModel m) {
    StringBuilder sb = new StringBuilder();
    sb.append("ir_version ").append(m.irVersion()).append('\n');
    sb.append("producer ").append(m.producerName()).append(' ').append(m.producerVersion());
    sb.append('\n');
    new TreeMap<>(m.opsets())
        .forEach((d, v) -> sb.append("opset \"").append(d).append("\" ").append(v).append('\n'));
    new TreeMap<>(m.metadata())
        .forEach((k, v) -> sb.append("metadata ").append(k).append(" = ").append(v).append('\n'));
    OnnxGraph g = m.graph();
    sb.append("graph ").append(g.name()).append('\n');
    g.inputs().forEach(v -> sb.append("input ").append(valueInfo(v)).append('\n'));
    g.outputs().forEach(v -> sb.append("output ").append(valueInfo(v)).append('\n'));
    g.valueInfo().forEach(v -> sb.append("value_info ").append(valueInfo(v)).append('\n'));
    g.initializers().forEach(t -> sb.append("initializer ").append(tensor(t)).append('\n'));
    for (OnnxNode n : g.nodes()) {
      sb.append("node ").append(n.name()).append(' ');
      sb.append(n.domain().isEmpty() ? "" : n.domain() + ":").append(n.opType());
      sb.append(' ').append(n.inputs()).append(" -> ").append(n.outputs());
      for (OnnxAttribute a : n.attributes()) {
        sb.append(' ').append(attribute(a));
      }
      sb.append('\n');
    }
    for (OnnxAnnotation a : g.annotations()) {
      sb.append("annotation ").append(a.tensorName());
      new TreeMap<>(a.entries()).forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String valueInfo(OnnxValueInfo v) {
    return v.name() + " " + v.type() + " " + Arrays.toString(v.dims());
  }

  private static String tensor(OnnxTensor t) {
    ByteBuffer b;
    String listed;
    if (t.type() == OnnxTensor.Type.FLOAT) {
      float[] v = t.floatValues();
      b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
      for (float x : v) {
        b.putInt(Float.floatToRawIntBits(x));
      }
      listed = v.length <= 8 ? " " + Arrays.toString(v) : "";
    } else {
      long[] v = t.longValues();
      b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
      for (long x : v) {
        b.putLong(x);
      }
      listed = v.length <= 8 ? " " + Arrays.toString(v) : "";
    }
    return t.name()
        + " "
        + t.type()
        + " "
        + Arrays.toString(t.dims())
        + " sha256="
        + sha256(b.array())
        + listed;
  }

  private static String attribute(OnnxAttribute a) {
    String v =
        switch (a.kind()) {
          case FLOAT -> Float.toString(a.f());
          case INT -> Long.toString(a.i());
          case STRING -> '"' + a.s() + '"';
          case FLOATS -> Arrays.toString(a.floats());
          case INTS -> Arrays.toString(a.ints());
          case STRINGS -> a.strings().toString();
        };
    return a.name() + "=" + v;
  }

  /** SHA-256 of {@code bytes} in hex. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
