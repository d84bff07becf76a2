package io.nash.search;

import io.nash.space.ArchWeights;
import io.nash.space.Genotype;
import io.nash.space.GenotypeParser;
import io.nash.space.GroupSpec;
import io.nash.space.Node;
import io.nash.space.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Picks the genotypes to evaluate from a final alpha: the derived (argmax) genotype, the top-k most
 * probable genotypes and N distinct samples, deduplicated (first source wins). A genotype chooses,
 * per node, one (input edge, op) pair; its probability is the product over nodes of the chosen op's
 * softmax probability on the chosen edge. {@code none} is never chosen (it makes a node a no-op,
 * and {@code parse} excludes it too). The probability factorises over nodes, so the exact top-k is
 * a best-first search over per-node rank vectors (each node's choices sorted by probability). A
 * stateless, pure function of its inputs.
 */
public final class CandidateEnumerator {
  private CandidateEnumerator() {}

  /** One node's possible choices, most probable first (ties: lower input, then lower op). */
  private record Choice(int input, int op, double logP) {}

  /**
   * @param topK how many most probable genotypes (>= 0)
   * @param samples how many distinct sampled genotypes beyond those already listed (>= 0)
   * @param seed seed of the samples (a run uses {@link io.nash.space.Seeds#candidateSamples})
   */
  public static List<Candidate> enumerate(ArchWeights alpha, int topK, int samples, long seed) {
    if (topK < 0 || samples < 0) {
      throw new IllegalArgumentException(
          "nash.candidates.top-k = "
              + topK
              + ", nash.candidates.samples = "
              + samples
              + ": must be >= 0");
    }
    List<List<Choice>> nodes = choices(alpha);
    Map<Genotype, Candidate> out = new LinkedHashMap<>();
    Genotype argmax = GenotypeParser.derive(alpha);
    add(out, "argmax", argmax, logProb(alpha, argmax));
    int rank = 0;
    double[][] scores = new double[nodes.size()][];
    for (int n = 0; n < scores.length; n++) {
      scores[n] = nodes.get(n).stream().mapToDouble(Choice::logP).toArray();
    }
    for (int[] ranks : topK(scores, topK)) {
      rank++;
      Genotype g = genotype(alpha, nodes, ranks);
      add(out, "top-" + rank, g, logProb(alpha, g));
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int drawn = 0;
    long attempts = 0;
    long maxAttempts = 1000L + 100L * samples; // a peaked alpha may have fewer distinct genotypes
    while (drawn < samples && attempts++ < maxAttempts) {
      int[] ranks = new int[nodes.size()];
      for (int n = 0; n < ranks.length; n++) {
        ranks[n] = sample(nodes.get(n), rnd);
      }
      Genotype g = genotype(alpha, nodes, ranks);
      if (!out.containsKey(g)) {
        drawn++;
        add(out, "sample-" + drawn, g, logProb(alpha, g));
      }
    }
    return List.copyOf(out.values());
  }

  /**
   * The {@code k} highest-scoring rank vectors, best first (exact; ties broken by the smaller rank
   * vector). {@code scores[n]} holds node n's choice scores (log-probabilities) sorted descending;
   * a vector's score is the sum of its picks, so raising any one rank never increases it, and a
   * best-first walk from all-zeros visits vectors in score order.
   */
  static List<int[]> topK(double[][] scores, int k) {
    Comparator<int[]> order =
        Comparator.<int[]>comparingDouble(r -> -score(scores, r)).thenComparing(Arrays::compare);
    PriorityQueue<int[]> queue = new PriorityQueue<>(order);
    Set<List<Integer>> seen = new HashSet<>();
    int[] start = new int[scores.length];
    queue.add(start);
    seen.add(key(start));
    List<int[]> best = new ArrayList<>();
    while (best.size() < k && !queue.isEmpty()) {
      int[] r = queue.poll();
      best.add(r);
      for (int n = 0; n < r.length; n++) {
        if (r[n] + 1 < scores[n].length) {
          int[] next = r.clone();
          next[n]++;
          if (seen.add(key(next))) {
            queue.add(next);
          }
        }
      }
    }
    return best;
  }

  static double score(double[][] scores, int[] ranks) {
    double s = 0;
    for (int n = 0; n < ranks.length; n++) {
      s += scores[n][ranks[n]];
    }
    return s;
  }

  /** log P(genotype) = sum over nodes of log p[edge(node, input)][op]. */
  public static double logProb(ArchWeights alpha, Genotype g) {
    double lp = 0;
    for (GroupSpec spec : alpha.backbone().groups()) {
      double[][] p = alpha.probabilities(spec.index());
      for (int i = 0; i < spec.steps(); i++) {
        Node n = g.node(spec.index(), i);
        lp += Math.log(p[GroupSpec.edgeIndex(i, n.input())][alpha.version().opIndex(n.op())]);
      }
    }
    return lp;
  }

  private static List<List<Choice>> choices(ArchWeights alpha) {
    List<List<Choice>> nodes = new ArrayList<>();
    List<Op> ops = alpha.version().ops();
    for (GroupSpec spec : alpha.backbone().groups()) {
      double[][] p = alpha.probabilities(spec.index());
      for (int i = 0; i < spec.steps(); i++) {
        List<Choice> c = new ArrayList<>();
        for (int j = 0; j <= i; j++) {
          for (int k = 0; k < ops.size(); k++) {
            if (ops.get(k) != Op.NONE) {
              c.add(new Choice(j, k, Math.log(p[GroupSpec.edgeIndex(i, j)][k])));
            }
          }
        }
        // stable sort keeps (input, op) order among equal probabilities
        c.sort(Comparator.comparingDouble(ch -> -ch.logP()));
        nodes.add(List.copyOf(c));
      }
    }
    return nodes;
  }

  private static Genotype genotype(ArchWeights alpha, List<List<Choice>> nodes, int[] ranks) {
    List<List<Node>> groups = new ArrayList<>();
    int n = 0;
    for (GroupSpec spec : alpha.backbone().groups()) {
      List<Node> g = new ArrayList<>();
      for (int i = 0; i < spec.steps(); i++, n++) {
        Choice c = nodes.get(n).get(ranks[n]);
        g.add(new Node(alpha.version().ops().get(c.op()), c.input()));
      }
      groups.add(g);
    }
    return new Genotype(alpha.backbone(), alpha.version(), groups);
  }

  private static int sample(List<Choice> choices, SplittableRandom rnd) {
    double total = 0;
    for (Choice c : choices) {
      total += Math.exp(c.logP());
    }
    double u = rnd.nextDouble() * total;
    for (int r = 0; r < choices.size(); r++) {
      u -= Math.exp(choices.get(r).logP());
      if (u < 0) {
        return r;
      }
    }
    return choices.size() - 1;
  }

  private static List<Integer> key(int[] r) {
    return Arrays.stream(r).boxed().toList();
  }

  private static void add(Map<Genotype, Candidate> out, String source, Genotype g, double lp) {
    out.putIfAbsent(g, new Candidate("c" + out.size(), source, g, lp));
  }
}
