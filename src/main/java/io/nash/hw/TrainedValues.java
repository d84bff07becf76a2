package io.nash.hw;

import io.nash.hw.onnx.OnnxAttribute;
import io.nash.hw.onnx.OnnxGraph;
import io.nash.hw.onnx.OnnxModel;
import io.nash.hw.onnx.OnnxNode;
import io.nash.hw.onnx.OnnxTensor;

/**
 * The trained values that decide widths FINN derives from data (finn-reference.md section 3): the
 * integer weights of each conv and linear layer, which fix an MVAU's weight and accumulator types,
 * and the batch-norm parameters in front of a standalone Thresholding, which move its thresholds.
 * Read from the QONNX model the export stage writes, by the network's layer names ({@code
 * stem.conv}, {@code g1.n0.op.conv}, {@code g1.n0.op.bn}, {@code fc}). {@link #NONE} stands for an
 * architecture without weights: the lowering then takes the widths of the worst case, an upper
 * bound. Immutable; thread-safe.
 */
public final class TrainedValues {
  /** No trained network: data-dependent widths take their worst case. */
  public static final TrainedValues NONE = new TrainedValues(null);

  private final OnnxGraph graph;

  private TrainedValues(OnnxGraph graph) {
    this.graph = graph;
  }

  /** The values of an exported QONNX model. */
  public static TrainedValues of(OnnxModel model) {
    return new TrainedValues(model.graph());
  }

  /** True for {@link #NONE}. */
  public boolean isEmpty() {
    return graph == null;
  }

  /**
   * The integer weights of a layer, as FINN folds them: the {@code <layer>.weight} initializer
   * through its {@code Quant} (divide by the scale, clamp, round half to even, qonnx's order) or
   * {@code BipolarQuant} ({@code >= 0} gives +1).
   *
   * @throws IllegalArgumentException if the model has no quantized weight of that name
   */
  public WeightStats weights(String layer) {
    String name = layer + ".weight";
    OnnxTensor w = require(name);
    OnnxNode q =
        graph.consumers(name).stream()
            .filter(n -> n.opType().equals("Quant") || n.opType().equals("BipolarQuant"))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "weight '" + name + "' is not read by a Quant or BipolarQuant node"));
    float[] v = w.floatValues();
    float[] s = require(q.inputs().get(1)).floatValues();
    int rows = (int) w.dims()[0];
    int per = v.length / rows;
    boolean bipolar = q.opType().equals("BipolarQuant");
    long lo = 0;
    long hi = 0;
    if (!bipolar) {
      int bits = (int) require(q.inputs().get(3)).floatValues()[0];
      boolean signed = attr(q, "signed") == 1;
      boolean narrow = attr(q, "narrow") == 1;
      lo = signed ? -(1L << (bits - 1)) + (narrow ? 1 : 0) : 0;
      hi = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
    }
    long[] pos = new long[rows];
    long[] neg = new long[rows];
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int r = 0; r < rows; r++) {
      float sc = s.length == 1 ? s[0] : s[r];
      for (int i = r * per; i < (r + 1) * per; i++) {
        float y = v[i] / sc;
        long k;
        if (bipolar) {
          k = y >= 0f ? 1 : -1;
        } else {
          k = (long) Math.rint(Math.max(lo, Math.min(hi, y)));
        }
        if (k > 0) {
          pos[r] += k;
        } else {
          neg[r] += k;
        }
        min = Math.min(min, k);
        max = Math.max(max, k);
      }
    }
    return new WeightStats(min, max, pos, neg);
  }

  /**
   * The affine map {@code y = a_c x + b_c} a batch norm applies per channel in inference, as FINN's
   * BatchNormToAffine computes it: {@code a = gamma / sqrt(var + eps)}, {@code b = beta - mean a}.
   *
   * @throws IllegalArgumentException if the model has no batch norm of that name
   */
  public Affine batchNorm(String bn) {
    float[] gamma = require(bn + ".gamma").floatValues();
    float[] beta = require(bn + ".beta").floatValues();
    float[] mean = require(bn + ".running_mean").floatValues();
    float[] var = require(bn + ".running_var").floatValues();
    OnnxNode node =
        graph.consumers(bn + ".gamma").stream()
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("batch norm '" + bn + "' is unused"));
    double eps = node.attribute("epsilon").map(a -> (double) a.f()).orElse(1e-5);
    double[] a = new double[gamma.length];
    double[] b = new double[gamma.length];
    for (int c = 0; c < gamma.length; c++) {
      a[c] = gamma[c] / Math.sqrt(var[c] + eps);
      b[c] = beta[c] - mean[c] * a[c];
    }
    return new Affine(a, b);
  }

  private OnnxTensor require(String name) {
    if (graph == null) {
      throw new IllegalStateException("no trained values: '" + name + "' was asked for");
    }
    return graph
        .initializer(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the model has no initializer '"
                        + name
                        + "': it does not come from this architecture's export"));
  }

  private static long attr(OnnxNode n, String name) {
    return n.attribute(name).map(OnnxAttribute::i).orElse(0L);
  }

  /**
   * Integer weights of a layer: their extremes, and per output channel the sum of the positive and
   * of the negative weights.
   */
  public record WeightStats(long min, long max, long[] pos, long[] neg) {
    /**
     * FINN's MinimizeWeightBitWidth: the smallest type holding {@code [min, max]}, sized for {@code
     * -max - 1} when {@code |min| <= max}.
     */
    public DataType weightType() {
      if (min < 0) {
        return DataType.smallest(Math.abs(min) > max ? min : -max - 1, 0);
      }
      return DataType.smallest(0, max);
    }

    /**
     * qonnx's {@code calculate_matvec_accumulator_range} for inputs of type {@code in}: the extreme
     * dot products over output channels, every positive weight meeting one input extreme and every
     * negative weight the other.
     */
    public long[] accumulatorRange(DataType in) {
      long lo = Long.MAX_VALUE;
      long hi = Long.MIN_VALUE;
      for (int c = 0; c < pos.length; c++) {
        hi = Math.max(hi, pos[c] * in.max() + neg[c] * in.min());
        lo = Math.min(lo, pos[c] * in.min() + neg[c] * in.max());
      }
      return new long[] {lo, hi};
    }

    /** FINN's MinimizeAccumulatorWidth type for the range of {@link #accumulatorRange}. */
    public DataType accumulator(DataType in) {
      long[] r = accumulatorRange(in);
      return r[0] >= 0 ? DataType.smallest(0, r[1]) : DataType.smallest(r[0], r[1]);
    }

    public int channels() {
      return pos.length;
    }
  }

  /** Per-channel {@code y = a x + b}. */
  public record Affine(double[] a, double[] b) {
    /** The identity on {@code channels} channels. */
    public static Affine identity(int channels) {
      double[] a = new double[channels];
      java.util.Arrays.fill(a, 1.0);
      return new Affine(a, new double[channels]);
    }

    public int channels() {
      return a.length;
    }
  }
}
