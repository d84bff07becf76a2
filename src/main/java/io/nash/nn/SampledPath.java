package io.nash.nn;

import io.nash.space.ArchWeights;
import io.nash.space.Backbone;
import io.nash.space.NashVersion;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One sampled path of the path-binarized supernet (nash-method.md section 2): for every edge of the
 * backbone (groups concatenated, in {@link ArchWeights#flat()} order), the index of the op that
 * edge runs. It is an argument of every forward pass, never state of the network. Immutable and
 * thread-safe.
 */
public final class SampledPath {
  private final int[] ops;

  private SampledPath(int[] ops) {
    this.ops = ops;
  }

  /** A path from explicit op indices, one per edge; each must be in {@code 0..opCount-1}. */
  public static SampledPath of(int[] opPerEdge, int opCount) {
    for (int e = 0; e < opPerEdge.length; e++) {
      if (opPerEdge[e] < 0 || opPerEdge[e] >= opCount) {
        throw new IllegalArgumentException(
            "path edge " + e + " op = " + opPerEdge[e] + ": must be in 0.." + (opCount - 1));
      }
    }
    return new SampledPath(opPerEdge.clone());
  }

  /**
   * Samples {@code k ~ Categorical(softmax(alpha_edge))} independently for every edge, from a
   * generator seeded with {@code seed} only (derive it with {@link io.nash.space.Seeds}).
   *
   * @param alpha flat raw alpha ({@code edges x ops}, row-major)
   */
  public static SampledPath sample(float[] alpha, int opCount, long seed) {
    double[][] probs = edgeSoftmax(alpha, opCount);
    SplittableRandom rnd = new SplittableRandom(seed);
    int edges = probs.length;
    int[] ops = new int[edges];
    for (int e = 0; e < edges; e++) {
      double[] p = probs[e];
      double u = rnd.nextDouble();
      int k = 0;
      double cum = p[0];
      while (u >= cum && k < opCount - 1) {
        k++;
        cum += p[k];
      }
      ops[e] = k;
    }
    return new SampledPath(ops);
  }

  /** Samples from {@code alpha}'s distribution (see {@link #sample(float[], int, long)}). */
  public static SampledPath sample(ArchWeights alpha, long seed) {
    return sample(alpha.flat(), alpha.opCount(), seed);
  }

  /** The path that puts op {@code op} on every edge (tests and benchmarks). */
  public static SampledPath uniform(Backbone backbone, NashVersion version, int op) {
    int[] ops = new int[backbone.totalEdges()];
    Arrays.fill(ops, op);
    return of(ops, version.ops().size());
  }

  /** Op index sampled on global edge {@code edge}. */
  public int op(int edge) {
    return ops[edge];
  }

  public int edges() {
    return ops.length;
  }

  /** A copy of the per-edge op indices. */
  public int[] toArray() {
    return ops.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SampledPath p && Arrays.equals(p.ops, ops);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ops);
  }

  @Override
  public String toString() {
    return "SampledPath" + Arrays.toString(ops);
  }

  /** softmax of each edge's row of the flat raw alpha ({@code edges x ops}, row-major). */
  static double[][] edgeSoftmax(float[] alpha, int opCount) {
    if (opCount < 1 || alpha.length % opCount != 0) {
      throw new IllegalArgumentException(
          "alpha has " + alpha.length + " values: not a multiple of " + opCount + " ops");
    }
    double[][] p = new double[alpha.length / opCount][];
    float[] row = new float[opCount];
    for (int e = 0; e < p.length; e++) {
      System.arraycopy(alpha, e * opCount, row, 0, opCount);
      p[e] = ArchWeights.softmax(row);
    }
    return p;
  }
}
