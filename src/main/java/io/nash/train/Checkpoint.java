package io.nash.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.space.ImageShape;
import io.nash.store.CommittedDir;
import io.nash.store.Store;
import io.nash.store.UnitCommitter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A training checkpoint: the state after {@code epoch} complete epochs, committed atomically as one
 * store unit {@code <dir>/checkpoint/epoch-<n>/} holding {@code checkpoint.json} (settings,
 * architecture, normalization, optimizer step count, metrics lines so far, provenance) and {@code
 * tensors.bin} (network tensors under {@code net/<name>}, optimizer slots under {@code
 * opt/<slot>}). A unit is visible only once committed, so resume never sees a half-written
 * checkpoint. Immutable (the maps are not copied deeply; treat them as read-only).
 */
public record Checkpoint(Meta meta, Map<String, float[]> tensors) {

  static final String JSON = "checkpoint.json";
  static final String TENSORS = "tensors.bin";
  private static final int MAGIC = 0x4E415348; // "NASH"
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The JSON part. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Meta(
      @JsonProperty("schema") int schema,
      @JsonProperty("epoch") int epoch,
      @JsonProperty("optimizerSteps") long optimizerSteps,
      @JsonProperty("settings") Map<String, String> settings,
      @JsonProperty("architecture") String architectureJson,
      @JsonProperty("classes") int classes,
      @JsonProperty("input") int[] input,
      @JsonProperty("normMean") float[] normMean,
      @JsonProperty("normStd") float[] normStd,
      @JsonProperty("trainSeconds") double trainSeconds,
      @JsonProperty("trainImages") long trainImages,
      @JsonProperty("metrics") List<String> metrics,
      @JsonProperty("provenance") Map<String, String> provenance) {
    public Meta {
      if (schema != 1) {
        throw new IllegalArgumentException("checkpoint schema = " + schema + ": must be 1");
      }
      metrics = List.copyOf(metrics);
    }
  }

  /** Folder of all checkpoints of a training output dir. */
  public static String folder(String outDir) {
    return outDir + "/checkpoint";
  }

  /** Unit folder of the checkpoint after {@code epoch} epochs. */
  public static String unit(String outDir, int epoch) {
    return folder(outDir) + String.format("/epoch-%04d", epoch);
  }

  /** Commits this checkpoint as {@link #unit}; an already committed unit stays as it is. */
  public void commit(Store store, String outDir) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(JSON, Store.toJson(meta));
    files.put(TENSORS, encode(tensors));
    UnitCommitter.commit(store, unit(outDir, meta.epoch()), files);
  }

  /**
   * The newest checkpoint under {@code outDir} (or at {@code outDir} itself if it is a checkpoint
   * unit) that is committed and reads back whole; older ones are tried when a newer one is corrupt.
   */
  public static Optional<Checkpoint> newest(Store store, String outDir) {
    Optional<CommittedDir> self = UnitCommitter.open(store, outDir);
    if (self.isPresent()) {
      return read(self.get());
    }
    List<String> names =
        new ArrayList<>(
            store.list(folder(outDir)).stream().filter(n -> n.matches("epoch-\\d+")).toList());
    names.sort(Comparator.comparingInt((String n) -> Integer.parseInt(n.substring(6))).reversed());
    for (String n : names) {
      Optional<Checkpoint> c =
          UnitCommitter.open(store, folder(outDir) + "/" + n).flatMap(Checkpoint::read);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  /** Deletes committed checkpoints older than {@code keepFrom} epochs (space on long runs). */
  public static void pruneBefore(Store store, String outDir, int keepFrom) {
    for (String n : store.list(folder(outDir))) {
      if (n.matches("epoch-\\d+") && Integer.parseInt(n.substring(6)) < keepFrom) {
        store.delete(folder(outDir) + "/" + n);
      }
    }
  }

  private static Optional<Checkpoint> read(CommittedDir d) {
    Optional<Meta> meta = d.readJson(JSON, Meta.class);
    Optional<byte[]> bin = d.read(TENSORS);
    if (meta.isEmpty() || bin.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Checkpoint(meta.get(), decode(bin.get())));
  }

  /**
   * Writes the checkpoint's network as ONNX ({@code format}) to {@code out}, built from the
   * architecture, quantization, width and input shape the checkpoint records; returns the
   * architecture.
   */
  public io.nash.space.Architecture exportNetwork(
      io.nash.nn.export.ExportFormat format, java.nio.file.Path out) {
    TrainSettings s = TrainSettings.fromMap(meta.settings());
    io.nash.space.Architecture arch =
        io.nash.space.SpaceJson.parseArchitecture(meta.architectureJson());
    io.nash.nn.child.ChildConfig cfg =
        new io.nash.nn.child.ChildConfig(
            arch,
            s.quantSpec(),
            s.width(),
            new ImageShape(meta.input()[0], meta.input()[1], meta.input()[2]),
            meta.classes());
    io.nash.nn.export.ChildExporter.write(cfg, withPrefix(Trainer.NET_PREFIX), format, out);
    return arch;
  }

  /** Tensors with the given prefix, prefix removed, in stored order. */
  public Map<String, float[]> withPrefix(String prefix) {
    Map<String, float[]> m = new LinkedHashMap<>();
    tensors.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            m.put(k.substring(prefix.length()), v);
          }
        });
    return m;
  }

  /** Binary form: magic, count, then per tensor its UTF name, length and big-endian floats. */
  static byte[] encode(Map<String, float[]> tensors) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(tensors.size());
      for (Map.Entry<String, float[]> e : tensors.entrySet()) {
        out.writeUTF(e.getKey());
        float[] v = e.getValue();
        out.writeInt(v.length);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4 * v.length);
        buf.asFloatBuffer().put(v);
        out.write(buf.array());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Map<String, float[]> decode(byte[] b) {
    Map<String, float[]> m = new LinkedHashMap<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("tensors.bin: not a NASH tensor file");
      }
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        int len = in.readInt();
        byte[] raw = new byte[4 * len];
        in.readFully(raw);
        float[] v = new float[len];
        java.nio.ByteBuffer.wrap(raw).asFloatBuffer().get(v);
        m.put(name, v);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("tensors.bin: truncated (" + e.getMessage() + ")", e);
    }
    return m;
  }

  static ObjectMapper mapper() {
    return MAPPER;
  }
}
