package io.nash.search.engine;

import io.nash.search.api.StepResult;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sum of task results of one round, and what one task returns: per touched weight tensor the
 * sample-weighted sum of gradients (or deltas), the same for alpha, loss/accuracy sums and timing.
 * A mutable accumulator: {@link #merge} adds another sum into this one (the engine merges task
 * results in partition order). Not thread-safe; each instance is owned by one task or by the
 * driver. Travels through Kryo (task results, the grouped merge's shuffle); Serializable for code
 * that ships one in a closure.
 */
public final class GradientSum implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Length of {@link #counters()}. */
  public static final int COUNTERS = 9;

  final TreeMap<Integer, float[]> weights = new TreeMap<>();
  float[] alpha; // null until a task contributes
  double trainLoss;
  double validLoss;
  long trainCorrect;
  long validCorrect;
  long trainSamples;
  long validSamples;
  int tasks;
  long computeNanos;
  long maxComputeNanos;
  long taskNanos; // whole executor-function time: compute plus weight sync and batch assembly
  long resultBytes;

  /** The contribution of one task: its result weighted by its sample counts. */
  public static GradientSum of(StepResult r, long computeNanos) {
    GradientSum s = new GradientSum();
    for (Map.Entry<Integer, float[]> e : r.weightUpdates().entrySet()) {
      s.weights.put(e.getKey(), scaled(e.getValue(), r.trainSamples()));
    }
    s.alpha = r.alphaUpdate() == null ? null : scaled(r.alphaUpdate(), r.validSamples());
    s.trainLoss = r.trainLossSum();
    s.validLoss = r.validLossSum();
    s.trainCorrect = r.trainCorrect();
    s.validCorrect = r.validCorrect();
    s.trainSamples = r.trainSamples();
    s.validSamples = r.validSamples();
    s.tasks = 1;
    s.computeNanos = computeNanos;
    s.maxComputeNanos = computeNanos;
    s.resultBytes = s.payloadBytes();
    return s;
  }

  /**
   * Adds {@code o} into this sum and returns this. Takes ownership of {@code o}'s arrays (a tensor
   * this sum lacks is adopted, not copied: merging a task's 10 MB result into an empty sum then
   * costs no copy), so {@code o} must not be used afterwards; every caller merges a fresh task
   * result or a deserialized partial sum.
   */
  public GradientSum merge(GradientSum o) {
    if (o == this) {
      throw new IllegalArgumentException("a gradient sum cannot be merged into itself");
    }
    for (Map.Entry<Integer, float[]> e : o.weights.entrySet()) {
      float[] mine = weights.get(e.getKey());
      if (mine == null) {
        weights.put(e.getKey(), e.getValue());
      } else {
        add(mine, e.getValue());
      }
    }
    if (o.alpha != null) {
      if (alpha == null) {
        alpha = o.alpha;
      } else {
        add(alpha, o.alpha);
      }
    }
    trainLoss += o.trainLoss;
    validLoss += o.validLoss;
    trainCorrect += o.trainCorrect;
    validCorrect += o.validCorrect;
    trainSamples += o.trainSamples;
    validSamples += o.validSamples;
    tasks += o.tasks;
    computeNanos += o.computeNanos;
    taskNanos += o.taskNanos;
    maxComputeNanos = Math.max(maxComputeNanos, o.maxComputeNanos);
    resultBytes += o.resultBytes;
    return this;
  }

  /** Touched tensor indices with their summed values (live view; the driver only reads). */
  public Map<Integer, float[]> weightSums() {
    return java.util.Collections.unmodifiableMap(weights);
  }

  public float[] alphaSum() {
    return alpha;
  }

  public long trainSamples() {
    return trainSamples;
  }

  public long validSamples() {
    return validSamples;
  }

  public int tasks() {
    return tasks;
  }

  public long computeNanos() {
    return computeNanos;
  }

  /**
   * Summed time of the tasks' executor functions (compute, bringing the weight replica up to date,
   * assembling batches): its excess over {@link #computeNanos} is in-task overhead. 0 when the
   * engine does not measure it.
   */
  public long taskNanos() {
    return taskNanos;
  }

  /** Records the whole time of the task that produced this (single-task) sum. */
  public GradientSum withTaskNanos(long nanos) {
    if (tasks != 1) {
      throw new IllegalStateException("task time belongs to one task's sum, not " + tasks);
    }
    taskNanos = nanos;
    return this;
  }

  public long maxComputeNanos() {
    return maxComputeNanos;
  }

  /** Sum over the merged task results of their payload bytes. */
  public long resultBytes() {
    return resultBytes;
  }

  /** Payload bytes of this sum's arrays and counters (what a task ships back). */
  public long payloadBytes() {
    long b = 8L * 12;
    for (float[] v : weights.values()) {
      b += 8 + 4L * v.length;
    }
    return b + (alpha == null ? 0 : 4L * alpha.length);
  }

  /** The scalar fields as {trainLoss, validLoss}, for serializers. */
  public double[] lossSums() {
    return new double[] {trainLoss, validLoss};
  }

  /**
   * The counters as {trainCorrect, validCorrect, trainSamples, validSamples, tasks, computeNanos,
   * maxComputeNanos, resultBytes, taskNanos}, for serializers.
   */
  public long[] counters() {
    return new long[] {
      trainCorrect,
      validCorrect,
      trainSamples,
      validSamples,
      tasks,
      computeNanos,
      maxComputeNanos,
      resultBytes,
      taskNanos
    };
  }

  /** Rebuilds a sum from its parts (the inverse of the accessors; arrays are adopted). */
  public static GradientSum restore(
      Map<Integer, float[]> weights, float[] alpha, double[] losses, long[] counters) {
    if (losses.length != 2 || counters.length != COUNTERS) {
      throw new IllegalArgumentException(
          "gradient sum needs 2 loss sums and " + COUNTERS + " counters");
    }
    GradientSum s = new GradientSum();
    s.weights.putAll(weights);
    s.alpha = alpha;
    s.trainLoss = losses[0];
    s.validLoss = losses[1];
    s.trainCorrect = counters[0];
    s.validCorrect = counters[1];
    s.trainSamples = counters[2];
    s.validSamples = counters[3];
    s.tasks = (int) counters[4];
    s.computeNanos = counters[5];
    s.maxComputeNanos = counters[6];
    s.resultBytes = counters[7];
    s.taskNanos = counters[8];
    return s;
  }

  private static float[] scaled(float[] v, long n) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * n;
    }
    return out;
  }

  private static void add(float[] acc, float[] v) {
    if (acc.length != v.length) {
      throw new IllegalStateException(
          "merging tensors of " + acc.length + " and " + v.length + " values");
    }
    for (int i = 0; i < acc.length; i++) {
      acc[i] += v[i];
    }
  }
}
