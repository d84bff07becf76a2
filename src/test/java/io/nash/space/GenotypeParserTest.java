package io.nash.space;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built probability tables for every tie rule and every branch of the two parsers. */
class GenotypeParserTest {
  static final List<Op> SIX = NashVersion.V1.ops(); // none, max, skip, c1, c3, c5

  private static double[] u(double v) {
    return new double[] {v, v, v, v, v, v};
  }

  @Test
  void parseExcludesNoneAndBreaksTiesLowEdgeThenLowOp() {
    double[][] p = new double[10][];
    // node 0: none is largest but excluded; ops 1..5 tie at 0.1 -> max_pool_3x3 (lowest op)
    p[0] = new double[] {0.5, 0.1, 0.1, 0.1, 0.1, 0.1};
    // node 1: both edges reach 0.3 -> edge 1 (input 0) wins the tie; its best is skip_connect
    p[1] = new double[] {0.0, 0.2, 0.3, 0.1, 0.2, 0.2};
    p[2] = new double[] {0.0, 0.3, 0.1, 0.2, 0.2, 0.2};
    // node 2: row 3 has none = 0.9 (ignored); row 5 has conv_5x5 = 0.4, the largest non-none
    p[3] = new double[] {0.9, 0.02, 0.02, 0.02, 0.02, 0.02};
    p[4] = new double[] {0.2, 0.2, 0.1, 0.1, 0.2, 0.2};
    p[5] = new double[] {0.1, 0.1, 0.1, 0.1, 0.2, 0.4};
    // node 3: all uniform -> (max_pool_3x3, 0)
    for (int e = 6; e < 10; e++) {
      p[e] = u(1.0 / 6);
    }
    List<Node> n = GenotypeParser.parse(p, 4, SIX);
    assertEquals(
        List.of(
            new Node(Op.MAX_POOL_3X3, 0),
            new Node(Op.SKIP_CONNECT, 0),
            new Node(Op.CONV_5X5, 2),
            new Node(Op.MAX_POOL_3X3, 0)),
        n);
  }

  @Test
  void parseNmEveryBranch() {
    double[][] p = new double[10][];
    // node 0 (edge 0 only): skip 0.5 is the best -> zeroed; next best conv_3x3 0.3 -> (conv_3x3, 0)
    p[0] = new double[] {0.05, 0.1, 0.5, 0.05, 0.3, 0.0};
    // node 1: best is edge 1's conv_3x3 (0.6), not edge 0 -> taken directly
    p[1] = new double[] {0.3, 0.1, 0.2, 0.2, 0.1, 0.1};
    p[2] = new double[] {0.1, 0.0, 0.1, 0.1, 0.6, 0.1};
    // node 2: edge 0 skip 0.5 -> zeroed; then edge 0 max_pool 0.45 -> zeroed too; then the most
    // probable remaining op of edge 0 is none (0.03), although edge 1 holds 0.2 values
    p[3] = new double[] {0.03, 0.45, 0.5, 0.01, 0.005, 0.005};
    p[4] = new double[] {0.2, 0.1, 0.1, 0.2, 0.2, 0.2};
    p[5] = new double[] {0.2, 0.1, 0.1, 0.2, 0.2, 0.2};
    // node 3: edge 0 max_pool 0.4 -> zeroed; next best over all edges: edge 2 none 0.35 (none
    // counts in parse_nm) -> (none, 2); edges 1 and 3 reach only 0.3
    p[6] = new double[] {0.1, 0.4, 0.1, 0.2, 0.1, 0.1};
    p[7] = new double[] {0.3, 0.1, 0.1, 0.2, 0.2, 0.1};
    p[8] = new double[] {0.35, 0.1, 0.1, 0.15, 0.15, 0.15};
    p[9] = new double[] {0.1, 0.1, 0.3, 0.2, 0.2, 0.1};
    List<Node> n = GenotypeParser.parseNm(p, 4, SIX);
    assertEquals(
        List.of(
            new Node(Op.CONV_3X3, 0),
            new Node(Op.CONV_3X3, 1),
            new Node(Op.NONE, 0),
            new Node(Op.NONE, 2)),
        n);
  }

  @Test
  void parseNmKeepsConvOnInputAndTiesGoToLowestEdge() {
    double[][] p = new double[3][];
    p[0] = new double[] {0.1, 0.1, 0.1, 0.5, 0.1, 0.1}; // conv_1x1 on edge 0 is allowed
    p[1] = new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.4}; // tie 0.4 vs 0.4 -> edge 0 (input 0)
    p[2] = new double[] {0.1, 0.1, 0.1, 0.1, 0.4, 0.1};
    List<Node> n = GenotypeParser.parseNm(p, 2, SIX);
    assertEquals(List.of(new Node(Op.CONV_1X1, 0), new Node(Op.CONV_5X5, 0)), n);
  }

  @Test
  void deriveUsesParseNmOnlyOnStrideTwoGroupsOfV3() {
    // Every edge of every group: skip_connect the most probable, then conv_1x1.
    float[] row = {0f, 0.5f, 3f, 1f, 0f, 0f};
    float[][][] t = new float[4][10][];
    for (float[][] g : t) {
      for (int e = 0; e < 10; e++) {
        g[e] = row.clone();
      }
    }
    Genotype v3 = GenotypeParser.derive(ArchWeights.of(Backbone.RESNET18, NashVersion.V3, t));
    Genotype v1 = GenotypeParser.derive(ArchWeights.of(Backbone.RESNET18, NashVersion.V1, t));
    // parse everywhere for V1: (skip_connect, 0) at every node
    for (List<Node> g : v1.groups()) {
      assertTrue(g.stream().allMatch(x -> x.equals(new Node(Op.SKIP_CONNECT, 0))), g.toString());
    }
    // V3 group 0 (stride 1) is parsed with parse: same as V1
    assertEquals(v1.groups().get(0), v3.groups().get(0));
    // V3 stride-2 groups: node 0 has only edge 0: skip zeroed, then max_pool (0.5 logit is the
    // next largest) zeroed, then the best remaining op of edge 0 is conv_1x1.
    // node i > 0: skip on edge 0 zeroed, then the best is skip_connect on edge 1 (input 1).
    for (int g = 1; g < 4; g++) {
      List<Node> nodes = v3.groups().get(g);
      assertEquals(new Node(Op.CONV_1X1, 0), nodes.get(0));
      for (int i = 1; i < 4; i++) {
        assertEquals(new Node(Op.SKIP_CONNECT, 1), nodes.get(i));
      }
    }
  }

  @Test
  void rejectsTablesOfTheWrongShape() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> GenotypeParser.parse(new double[9][6], 4, SIX));
    assertTrue(e.getMessage().contains("9 edges"), e.getMessage());
  }
}
