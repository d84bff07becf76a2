package io.nash.search;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Everything a search needs to continue exactly: weights, alpha, optimizer states (SGD momentum per
 * weight tensor, {@code null} until the tensor first gets a gradient; Adam moments and step count),
 * the number of completed epochs and steps, and the run seed (every random draw derives from (seed,
 * epoch, step), so that is the whole RNG state), plus a key naming the network shape so a
 * checkpoint is never loaded into a different network.
 *
 * <p>Mutable: the optimizers update the arrays in place (copying tens of MB per step would be
 * waste). Owned by one driver thread; not thread-safe; use {@link #copy()} for a snapshot. {@link
 * #toBytes()} / {@link #fromBytes} give a checksummed binary form for checkpoints.
 */
public final class SearchState {
  private static final int MAGIC = 0x4E534831; // "NSH1"

  final String key;
  final long seed;
  int epoch;
  long step;
  final float[][] weights;
  final float[][] momentum;
  final float[] alpha;
  final float[] adamM;
  final float[] adamV;
  long adamSteps;

  SearchState(
      String key,
      long seed,
      int epoch,
      long step,
      float[][] weights,
      float[][] momentum,
      float[] alpha,
      float[] adamM,
      float[] adamV,
      long adamSteps) {
    this.key = key;
    this.seed = seed;
    this.epoch = epoch;
    this.step = step;
    this.weights = weights;
    this.momentum = momentum;
    this.alpha = alpha;
    this.adamM = adamM;
    this.adamV = adamV;
    this.adamSteps = adamSteps;
  }

  /** A fresh state: given initial weights and alpha, zero optimizer state, epoch 0. */
  public static SearchState initial(String key, long seed, float[][] weights, float[] alpha) {
    return new SearchState(
        key,
        seed,
        0,
        0,
        weights,
        new float[weights.length][],
        alpha,
        new float[alpha.length],
        new float[alpha.length],
        0);
  }

  /** Network-shape key, e.g. {@code resnet18/v1/w8/c1x28/k10}. */
  public String key() {
    return key;
  }

  public long seed() {
    return seed;
  }

  /** Completed epochs. */
  public int epoch() {
    return epoch;
  }

  /** Completed NASH steps over the whole run. */
  public long step() {
    return step;
  }

  /** The live weight arrays (not copies). */
  public float[][] weights() {
    return weights;
  }

  /** The live flat alpha (not a copy). */
  public float[] alpha() {
    return alpha;
  }

  public SearchState copy() {
    float[][] mom = new float[momentum.length][];
    for (int i = 0; i < mom.length; i++) {
      mom[i] = momentum[i] == null ? null : momentum[i].clone();
    }
    float[][] w = new float[weights.length][];
    for (int i = 0; i < w.length; i++) {
      w[i] = weights[i].clone();
    }
    return new SearchState(
        key, seed, epoch, step, w, mom, alpha.clone(), adamM.clone(), adamV.clone(), adamSteps);
  }

  /** Binary form: header, arrays, CRC32 of everything before it. */
  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(MAGIC);
      out.writeUTF(key);
      out.writeLong(seed);
      out.writeInt(epoch);
      out.writeLong(step);
      out.writeLong(adamSteps);
      out.writeInt(weights.length);
      for (int i = 0; i < weights.length; i++) {
        write(out, weights[i]);
        out.writeBoolean(momentum[i] != null);
        if (momentum[i] != null) {
          write(out, momentum[i]);
        }
      }
      write(out, alpha);
      write(out, adamM);
      write(out, adamV);
      out.flush();
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses {@link #toBytes()}; a truncated or corrupted checkpoint is an IllegalArgumentException.
   */
  public static SearchState fromBytes(byte[] data) {
    if (data.length < 12) {
      throw new IllegalArgumentException("search state of " + data.length + " bytes: truncated");
    }
    CRC32 crc = new CRC32();
    crc.update(data, 0, data.length - 8);
    long stored = 0;
    for (int i = data.length - 8; i < data.length; i++) {
      stored = (stored << 8) | (data[i] & 0xFF);
    }
    if (crc.getValue() != stored) {
      throw new IllegalArgumentException("search state checksum mismatch: truncated or corrupted");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not a search state (bad magic number)");
      }
      String key = in.readUTF();
      long seed = in.readLong();
      int epoch = in.readInt();
      long step = in.readLong();
      long adamSteps = in.readLong();
      int n = in.readInt();
      float[][] w = new float[n][];
      float[][] mom = new float[n][];
      for (int i = 0; i < n; i++) {
        w[i] = read(in);
        mom[i] = in.readBoolean() ? read(in) : null;
      }
      float[] alpha = read(in);
      float[] m = read(in);
      float[] v = read(in);
      return new SearchState(key, seed, epoch, step, w, mom, alpha, m, v, adamSteps);
    } catch (IOException e) {
      throw new IllegalArgumentException("search state unreadable: " + e.getMessage(), e);
    }
  }

  private static void write(DataOutputStream out, float[] a) throws IOException {
    out.writeInt(a.length);
    byte[] b = new byte[a.length * 4];
    java.nio.ByteBuffer.wrap(b).asFloatBuffer().put(a);
    out.write(b);
  }

  private static float[] read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > (1 << 28)) {
      throw new IOException("array length " + n + " out of range");
    }
    byte[] b = new byte[n * 4];
    in.readFully(b);
    float[] a = new float[n];
    java.nio.ByteBuffer.wrap(b).asFloatBuffer().get(a);
    return a;
  }

  @Override
  public String toString() {
    return "SearchState["
        + key
        + ", epoch "
        + epoch
        + ", step "
        + step
        + ", "
        + weights.length
        + " tensors, alpha "
        + alpha.length
        + "]";
  }

  /** Exact equality of every array (tests). */
  boolean sameAs(SearchState o) {
    return key.equals(o.key)
        && epoch == o.epoch
        && step == o.step
        && Arrays.deepEquals(weights, o.weights)
        && Arrays.equals(alpha, o.alpha);
  }
}
