package io.nash.hw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.space.ArchWeights;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.Genotype;
import io.nash.space.GroupSpec;
import io.nash.space.ImageShape;
import io.nash.space.NashVersion;
import io.nash.space.Node;
import io.nash.space.Op;
import io.nash.space.QuantSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpCostTableTest {
  private static final Backbone BB = Backbone.RESNET18;
  private static final NashVersion V = NashVersion.V4; // none, conv_1x1, conv_3x3, conv_5x5

  /** A hand table: group 0 edge 0 costs {0, 1, 2, 4}; everything else 0; fixed 10. */
  private static OpCostTable hand() {
    double[][][] c = new double[BB.groups().size()][][];
    for (GroupSpec s : BB.groups()) {
      c[s.index()] = new double[s.edges()][4];
    }
    c[0][0] = new double[] {0, 1, 2, 4};
    return new OpCostTable(BB, V, 10, c);
  }

  private static ArchWeights alphaWithEdge0(float[] logits) {
    float[][][] t = new float[BB.groups().size()][][];
    for (GroupSpec s : BB.groups()) {
      t[s.index()] = new float[s.edges()][4];
    }
    t[0][0] = logits;
    return ArchWeights.of(BB, V, t);
  }

  @Test
  void expectedCostAndGradientMatchAHandComputation() {
    // logits ln(1), ln(2), ln(3), ln(4): p = {0.1, 0.2, 0.3, 0.4}
    float[] l = {0f, (float) Math.log(2), (float) Math.log(3), (float) Math.log(4)};
    OpCostTable t = hand();
    ArchWeights a = alphaWithEdge0(l);
    // E = 10 + 0.1*0 + 0.2*1 + 0.3*2 + 0.4*4 = 12.4
    assertEquals(12.4, t.expected(a), 1e-6);
    // mean 2.4; grad_k = p_k (c_k - 2.4) = {-0.24, -0.28, -0.12, 0.64}
    double[] g = t.gradient(a);
    assertArrayEquals(
        new double[] {-0.24, -0.28, -0.12, 0.64}, java.util.Arrays.copyOf(g, 4), 1e-6);
    for (int i = 4; i < g.length; i++) {
      assertEquals(0.0, g[i], 0.0);
    }
    // finite differences on every entry of edge 0
    for (int k = 0; k < 4; k++) {
      double h = 1e-3;
      float[] up = l.clone();
      float[] dn = l.clone();
      up[k] += (float) h;
      dn[k] -= (float) h;
      double fd =
          (t.expected(alphaWithEdge0(up)) - t.expected(alphaWithEdge0(dn))) / (up[k] - dn[k]);
      assertEquals(g[k], fd, 1e-4, "op " + k);
    }
  }

  @Test
  void expectedCostAtAOneHotAlphaIsTheEstimatorsCostOfTheGenotype() {
    QuantSpec q = QuantSpec.named("nash-paper");
    ImageShape in = new ImageShape(1, 28, 28);
    Device dev = DeviceCatalog.builtIn().get("ZCU104");
    double fps = 2000;
    OpCostTable t = OpCostTable.of(BB, V, q, in, 10, 64, dev, dev.defaultClockNs(), fps);
    // each node reads a different state, so no state feeds two NAS ops
    List<List<Node>> groups = new ArrayList<>();
    Op[] pick = {Op.CONV_3X3, Op.CONV_1X1, Op.CONV_5X5, Op.NONE};
    float[][][] logits = new float[BB.groups().size()][][];
    for (GroupSpec s : BB.groups()) {
      List<Node> nodes = new ArrayList<>();
      logits[s.index()] = new float[s.edges()][4];
      for (int i = 0; i < s.steps(); i++) {
        Op op = pick[(i + s.index()) % pick.length];
        nodes.add(new Node(op, i));
        for (int j = 0; j <= i; j++) {
          int e = i * (i + 1) / 2 + j;
          int o = j == i ? V.ops().indexOf(op) : V.ops().indexOf(Op.NONE);
          logits[s.index()][e][o] = 60f; // one-hot to within e^-60
        }
      }
      groups.add(nodes);
    }
    Genotype gt = new Genotype(BB, V, groups);
    HardwareEstimate est =
        HardwareEstimator.estimate(
            Architecture.of(gt),
            q,
            in,
            10,
            dev,
            dev.defaultClockNs(),
            FoldingGoal.ofTargetFps(fps));
    double estimator = est.setFolding().total().normalizedCost(dev.budget());
    assertTrue(estimator > t.fixed(), "NAS ops add hardware: " + estimator + " vs " + t.fixed());
    assertEquals(estimator, t.costOf(gt), 1e-9);
    assertEquals(estimator, t.expected(ArchWeights.of(BB, V, logits)), 1e-9);
    // the cheapest op on an edge is none, and a 5x5 conv costs more than a 1x1
    assertEquals(0.0, t.cost(1, 0, 0), 0.0);
    assertTrue(t.cost(1, 0, 3) > t.cost(1, 0, 1), t.cost(1, 0, 3) + " vs " + t.cost(1, 0, 1));
  }
}
