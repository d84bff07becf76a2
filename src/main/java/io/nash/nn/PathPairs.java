package io.nash.nn;

import io.nash.space.ArchWeights;
import java.util.SplittableRandom;

/**
 * The candidate pairs of the two-path architecture gradient (setting {@code
 * nash.search.arch-gradient = two-path}, after ProxylessNAS): on every edge {@code e}, a set {@code
 * S_e} of two distinct ops drawn from {@code p = softmax(alpha_e)} without replacement (the first
 * with probabilities {@code p}, the second from the others, renormalised), independently of the
 * sampled path and of the other edges.
 *
 * <p><b>Estimator.</b> The exact architecture gradient (nash-method.md section 2) is {@code
 * dL/dalpha_{e,k} = sum_o G_{e,o} p_o (delta_ok - p_k)}, {@code G_{e,o} = dL/dg_{e,o} = sum(dL/dy *
 * o_o)}, which needs every candidate's output {@code o_o}. The two-path step computes {@code
 * G_{e,o}} for {@code o in S_e} only and uses the Horvitz-Thompson estimate
 *
 * <pre>
 *   dL/dalpha_{e,k} ~= sum_{o in S_e} (G_{e,o} / pi_o) p_o (delta_ok - p_k),
 *   pi_o = P(o in S_e) = p_o + sum_{j != o} p_j p_o / (1 - p_j),
 * </pre>
 *
 * the exact inclusion probability of this drawing scheme ({@code 1 - p_j} is evaluated as {@code
 * sum_{i != j} p_i}). Every op with {@code p_o > 0} has {@code pi_o > 0}, so the estimate's
 * expectation over {@code S_e} is exactly the gradient above. It is unbiased given the batch, the
 * weights and the sampled path, that is for the gradient of the method's linearisation {@code
 * dL/dg} at the sampled path's output; it is not an unbiased estimate of anything beyond that (the
 * method's gradient itself is not the gradient of an expected loss). Its variance is larger than
 * zero: the mean over many steps, not one step, matches the exact mode ({@code PathPairsTest},
 * {@code TwoPathGradientTest}). With {@code nash.spark.path-sampling = shared} every partition of a
 * round draws the same pairs, as it draws the same path.
 *
 * <p>Immutable and thread-safe.
 */
public final class PathPairs {
  private final int opCount;
  private final float[] weight; // [edges * ops]: 1 / pi_o for o in S_e, 0 elsewhere

  private PathPairs(int opCount, float[] weight) {
    this.opCount = opCount;
    this.weight = weight;
  }

  /**
   * Draws the pairs of every edge from a generator seeded with {@code seed} only (derive it with
   * {@link io.nash.space.Seeds#archPairs}).
   *
   * @param alpha flat raw alpha ({@code edges x ops}, row-major)
   */
  public static PathPairs sample(float[] alpha, int opCount, long seed) {
    double[][] probs = SampledPath.edgeSoftmax(alpha, opCount);
    SplittableRandom rnd = new SplittableRandom(seed);
    int edges = probs.length;
    float[] weight = new float[alpha.length];
    for (int e = 0; e < edges; e++) {
      double[] p = probs[e];
      double[] pi = inclusion(p);
      int first = draw(p, -1, 1.0, rnd.nextDouble());
      weight[e * opCount + first] = (float) (1 / pi[first]);
      double rest = rest(p, first);
      if (rest > 0) {
        int second = draw(p, first, rest, rnd.nextDouble());
        weight[e * opCount + second] = (float) (1 / pi[second]);
      }
    }
    return new PathPairs(opCount, weight);
  }

  /**
   * The pair {@code {a, b}} on every edge, with the weights {@code 1 / pi} of {@link #sample}'s
   * scheme (tests that take the estimator's expectation by enumerating the pairs).
   */
  static PathPairs fixed(float[] alpha, int opCount, int a, int b) {
    if (a == b || a < 0 || b < 0 || a >= opCount || b >= opCount) {
      throw new IllegalArgumentException(
          "pair (" + a + ", " + b + "): need two distinct ops in 0.." + (opCount - 1));
    }
    int edges = alpha.length / opCount;
    float[] weight = new float[alpha.length];
    float[] row = new float[opCount];
    for (int e = 0; e < edges; e++) {
      System.arraycopy(alpha, e * opCount, row, 0, opCount);
      double[] pi = inclusion(ArchWeights.softmax(row));
      weight[e * opCount + a] = (float) (1 / pi[a]);
      weight[e * opCount + b] = (float) (1 / pi[b]);
    }
    return new PathPairs(opCount, weight);
  }

  /**
   * The inclusion probabilities {@code pi_o = p_o + sum_{j != o} p_j p_o / (1 - p_j)} of two draws
   * without replacement from {@code p} (see the class comment); they sum to two when at least two
   * ops have {@code p > 0}.
   */
  static double[] inclusion(double[] p) {
    double[] pi = new double[p.length];
    for (int o = 0; o < p.length; o++) {
      double s = p[o];
      for (int j = 0; j < p.length; j++) {
        double r = rest(p, j);
        if (j != o && r > 0) {
          s += p[j] * p[o] / r;
        }
      }
      pi[o] = Math.min(1.0, s);
    }
    return pi;
  }

  /** {@code 1 - p_j}, as the sum of the other probabilities. */
  private static double rest(double[] p, int j) {
    double r = 0;
    for (int i = 0; i < p.length; i++) {
      r += i == j ? 0 : p[i];
    }
    return r;
  }

  /** Inverse-CDF draw from {@code p} without op {@code skip}, whose mass is {@code total}. */
  private static int draw(double[] p, int skip, double total, double u) {
    double target = u * total;
    double cum = 0;
    int last = -1;
    for (int k = 0; k < p.length; k++) {
      if (k == skip || p[k] <= 0) {
        continue;
      }
      cum += p[k];
      last = k;
      if (target < cum) {
        return k;
      }
    }
    return last;
  }

  /** Whether op {@code op} of global edge {@code edge} is in that edge's pair. */
  public boolean contains(int edge, int op) {
    return weight[edge * opCount + op] != 0f;
  }

  /**
   * The estimator's weights {@code 1 / pi_o} on the pair's ops, 0 elsewhere, {@code [edges x ops]}.
   */
  public float[] weights() {
    return weight.clone();
  }

  public int edges() {
    return weight.length / opCount;
  }

  public int opCount() {
    return opCount;
  }
}
