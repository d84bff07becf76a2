package io.nash.space;

import java.util.ArrayList;
import java.util.List;

/**
 * Derives a {@link Genotype} from architecture weights with the reference's two parsers
 * (nash-method.md section 3). Every comparison is a strict {@code >} scanning in index order, so
 * ties go to the lowest edge first and then to the lowest op. Stateless and thread-safe.
 */
public final class GenotypeParser {
  private GenotypeParser() {}

  /** The genotype of {@code alpha}, each group parsed as its version prescribes. */
  public static Genotype derive(ArchWeights alpha) {
    NashVersion v = alpha.version();
    List<List<Node>> groups = new ArrayList<>();
    for (GroupSpec spec : alpha.backbone().groups()) {
      double[][] p = alpha.probabilities(spec.index());
      groups.add(
          v.usesParseNm(spec)
              ? parseNm(p, spec.steps(), v.ops())
              : parse(p, spec.steps(), v.ops()));
    }
    return new Genotype(alpha.backbone(), v, groups);
  }

  /**
   * {@code parse}: for each node, the incoming edge whose largest non-{@code none} probability is
   * highest, and on it the most probable non-{@code none} op.
   *
   * @param probs softmax probabilities {@code [edge][op]} of one group
   */
  public static List<Node> parse(double[][] probs, int steps, List<Op> ops) {
    checkTable(probs, steps, ops);
    int none = ops.indexOf(Op.NONE);
    List<Node> nodes = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      int start = i * (i + 1) / 2;
      int bestRow = -1;
      int bestOp = -1;
      double best = Double.NEGATIVE_INFINITY;
      for (int j = 0; j <= i; j++) {
        int k = argmax(probs[start + j], none);
        if (probs[start + j][k] > best) {
          best = probs[start + j][k];
          bestRow = j;
          bestOp = k;
        }
      }
      nodes.add(new Node(ops.get(bestOp), bestRow));
    }
    return nodes;
  }

  /**
   * {@code parse_nm}, used by V3 on stride-2 groups: the edge whose largest probability over all
   * ops ({@code none} included) is highest, and its most probable op; if that is edge 0 with {@code
   * skip_connect} or {@code max_pool_3x3}, that probability is zeroed and the choice repeated; if
   * the second choice is again such an op on edge 0, it is zeroed too and the most probable
   * remaining op of edge 0 is taken (possibly {@code none}), as the reference does.
   */
  public static List<Node> parseNm(double[][] probs, int steps, List<Op> ops) {
    checkTable(probs, steps, ops);
    List<Node> nodes = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      int start = i * (i + 1) / 2;
      double[][] w = new double[i + 1][];
      for (int j = 0; j <= i; j++) {
        w[j] = probs[start + j].clone();
      }
      int[] pick = bestOverEdges(w);
      if (reduceOnInput(pick, ops)) {
        w[0][pick[1]] = 0;
        pick = bestOverEdges(w);
        if (reduceOnInput(pick, ops)) {
          w[0][pick[1]] = 0;
          pick = new int[] {0, argmax(w[0], -1)};
        }
      }
      nodes.add(new Node(ops.get(pick[1]), pick[0]));
    }
    return nodes;
  }

  private static boolean reduceOnInput(int[] pick, List<Op> ops) {
    Op op = ops.get(pick[1]);
    return pick[0] == 0 && (op == Op.SKIP_CONNECT || op == Op.MAX_POOL_3X3);
  }

  /** {edge, op} of the largest value over all edges and ops, lowest edge then op on ties. */
  private static int[] bestOverEdges(double[][] w) {
    int bestRow = 0;
    int bestOp = argmax(w[0], -1);
    for (int j = 1; j < w.length; j++) {
      int k = argmax(w[j], -1);
      if (w[j][k] > w[bestRow][bestOp]) {
        bestRow = j;
        bestOp = k;
      }
    }
    return new int[] {bestRow, bestOp};
  }

  /** Index of the largest value, skipping {@code skip} (-1 skips nothing); lowest on ties. */
  private static int argmax(double[] row, int skip) {
    int best = -1;
    for (int k = 0; k < row.length; k++) {
      if (k != skip && (best < 0 || row[k] > row[best])) {
        best = k;
      }
    }
    return best;
  }

  private static void checkTable(double[][] probs, int steps, List<Op> ops) {
    int edges = GroupSpec.edgeCount(steps);
    if (probs.length != edges) {
      throw new IllegalArgumentException(
          "arch table has " + probs.length + " edges: " + steps + " steps need " + edges);
    }
    for (int e = 0; e < probs.length; e++) {
      if (probs[e].length != ops.size()) {
        throw new IllegalArgumentException(
            "arch table edge " + e + " has " + probs[e].length + " ops: must have " + ops.size());
      }
    }
  }
}
