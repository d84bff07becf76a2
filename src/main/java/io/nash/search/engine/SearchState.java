package io.nash.search.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;

/**
 * The driver's whole search state after {@code nextRound} rounds: weights, alpha and both
 * optimizers' states, tied to a run seed and a model layout fingerprint. What a checkpoint holds;
 * enough to continue exactly. Immutable by convention (arrays are not copied; owners don't mutate
 * them after construction). The binary form carries a magic, a version and a CRC32, so a torn or
 * foreign file is refused rather than resumed from.
 */
public record SearchState(
    int nextRound,
    long runSeed,
    long layoutFingerprint,
    float[] weights,
    float[] alpha,
    float[][] weightOptimizer,
    float[][] alphaOptimizer) {

  private static final int MAGIC = 0x4E415348; // "NASH"
  private static final int VERSION = 1;

  public byte[] toBytes() {
    try {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(body);
      out.writeInt(nextRound);
      out.writeLong(runSeed);
      out.writeLong(layoutFingerprint);
      writeFloats(out, weights);
      writeFloats(out, alpha);
      writeTable(out, weightOptimizer);
      writeTable(out, alphaOptimizer);
      out.flush();
      byte[] b = body.toByteArray();
      CRC32 crc = new CRC32();
      crc.update(b);
      ByteArrayOutputStream all = new ByteArrayOutputStream(b.length + 20);
      DataOutputStream o = new DataOutputStream(all);
      o.writeInt(MAGIC);
      o.writeInt(VERSION);
      o.writeLong(crc.getValue());
      o.writeInt(b.length);
      o.write(b);
      o.flush();
      return all.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@link #toBytes()}; refuses a wrong magic/version, a short file or a bad checksum. */
  public static SearchState fromBytes(byte[] bytes) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      if (bytes.length < 20 || in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new IllegalArgumentException("not a NASH search checkpoint (magic/version)");
      }
      long crcWant = in.readLong();
      int len = in.readInt();
      if (len != bytes.length - 20) {
        throw new IllegalArgumentException(
            "checkpoint body of " + (bytes.length - 20) + " bytes: header says " + len);
      }
      CRC32 crc = new CRC32();
      crc.update(bytes, 20, len);
      if (crc.getValue() != crcWant) {
        throw new IllegalArgumentException("checkpoint checksum mismatch: file is corrupt");
      }
      return new SearchState(
          in.readInt(),
          in.readLong(),
          in.readLong(),
          readFloats(in),
          readFloats(in),
          readTable(in),
          readTable(in));
    } catch (IOException e) {
      throw new IllegalArgumentException("checkpoint unreadable: " + e, e);
    }
  }

  private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
    out.writeInt(a.length);
    for (float v : a) {
      out.writeFloat(v);
    }
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    float[] a = new float[in.readInt()];
    for (int i = 0; i < a.length; i++) {
      a[i] = in.readFloat();
    }
    return a;
  }

  private static void writeTable(DataOutputStream out, float[][] t) throws IOException {
    out.writeInt(t.length);
    for (float[] a : t) {
      writeFloats(out, a);
    }
  }

  private static float[][] readTable(DataInputStream in) throws IOException {
    float[][] t = new float[in.readInt()][];
    for (int i = 0; i < t.length; i++) {
      t[i] = readFloats(in);
    }
    return t;
  }
}
