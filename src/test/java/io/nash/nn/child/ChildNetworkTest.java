package io.nash.nn.child;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.nash.nn.quant.Param;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.Genotype;
import io.nash.space.ImageShape;
import io.nash.space.NashVersion;
import io.nash.space.Node;
import io.nash.space.Op;
import io.nash.space.PublishedGenotypes;
import io.nash.space.QuantSpec;
import io.nash.space.SpaceJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Child networks from every published genotype, the baseline and ResNet34; shapes and counts. */
class ChildNetworkTest {
  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  /** Runs a forward and backward pass; returns the logits' shape. */
  private static Shape forwardBackward(ChildNetwork net, int batch) {
    ImageShape in = net.config().input();
    int before = manager.getManagedArrays().size();
    Shape out;
    try (NDManager sub = manager.newSubManager();
        NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      float[] data = new float[batch * in.size()];
      Random r = new Random(1);
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) r.nextGaussian();
      }
      NDArray x = sub.create(data, new Shape(batch, in.channels(), in.height(), in.width()));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray logits = net.forward(x, true);
        out = logits.getShape();
        NDArray target = sub.create(new float[] {1f}).broadcast(logits.getShape());
        gc.backward(logits.sub(target).square().mean());
      }
      for (Param p : net.trainableParams()) {
        NDArray g = p.array().getGradient();
        assertTrue(Float.isFinite(g.abs().sum().getFloat()), p.name() + " gradient not finite");
      }
      // the classifier always gets a gradient; a dead network would not
      assertTrue(net.classifier().weight().array().getGradient().abs().sum().getFloat() > 0);
      // stem conv is upstream of everything: its gradient proves the backward reached the input
      assertTrue(net.stem().conv().weight().array().getGradient().abs().sum().getFloat() > 0);
    }
    assertEquals(before, manager.getManagedArrays().size(), "arrays leaked into the network");
    return out;
  }

  private static ChildConfig config(Architecture a, int width, int px) {
    return new ChildConfig(a, QuantSpec.NASH_PAPER, width, new ImageShape(1, px, px), 10);
  }

  @Test
  void publishedGenotypesRunAt28And32Pixels() {
    for (Genotype g : PublishedGenotypes.all()) {
      for (int px : new int[] {28, 32}) {
        try (ChildNetwork net = ChildNetwork.build(config(Architecture.of(g), 4, px), manager, 7)) {
          assertEquals(new Shape(2, 10), forwardBackward(net, 2), g.version() + " at " + px);
          // 28 -> 28/14/7/4, 32 -> 32/16/8/4 with the 3x3/1 stem
          assertEquals(4, net.groups().get(3).outHeight());
          assertEquals(16, net.pool().window());
        }
      }
    }
  }

  @Test
  void baselineHasNoNasOpsAndResNet34Builds() {
    for (Backbone bb : Backbone.values()) {
      ChildConfig c =
          new ChildConfig(
              Architecture.baseline(bb),
              QuantSpec.BASELINE_PAPER,
              4,
              new ImageShape(1, 28, 28),
              10);
      try (ChildNetwork net = ChildNetwork.build(c, manager, 3)) {
        net.groups().forEach(g -> g.nodes().forEach(n -> assertNull(n.op())));
        assertEquals(0, net.stats().nasParameters());
        assertEquals(bb.convLayers(), net.groups().stream().mapToInt(g -> g.nodes().size()).sum());
        assertEquals(new Shape(3, 10), forwardBackward(net, 3));
      }
    }
    // a ResNet34 genotype with every op kind, including stride-2 factorized reduce on 7x7 maps
    try (ChildNetwork net =
        ChildNetwork.build(config(Architecture.of(allOpsResNet34()), 2, 28), manager, 5)) {
      assertEquals(new Shape(2, 10), forwardBackward(net, 2));
      assertNotNull(net.groups().get(5).nodes().get(0).op().shiftedConv());
    }
  }

  /** ResNet34 V1 genotype cycling through the six ops; node 0 of each group reads s0. */
  private static Genotype allOpsResNet34() {
    List<List<Node>> groups = new ArrayList<>();
    Op[] ops = Op.values();
    int k = 2;
    for (var spec : Backbone.RESNET34.groups()) {
      List<Node> nodes = new ArrayList<>();
      for (int i = 0; i < spec.steps(); i++) {
        // node 0: skip_connect on s0 (factorized reduce in stride-2 groups); others cycle
        Op op = i == 0 ? Op.SKIP_CONNECT : ops[k++ % ops.length];
        nodes.add(new Node(op, i == 0 ? 0 : (i * 7) % (i + 1)));
      }
      groups.add(nodes);
    }
    return new Genotype(Backbone.RESNET34, NashVersion.V1, groups);
  }

  @Test
  void genotypeWithImpossibleInputIsRejected() {
    // group 1 node 1 reads state 3, which does not exist yet (node 1 may read s0 or s1)
    String json =
        "{\"backbone\":\"resnet18\",\"version\":\"v1\",\"groups\":["
            + "[[\"max_pool_3x3\",0],[\"skip_connect\",1],[\"skip_connect\",1],[\"skip_connect\",1]],"
            + "[[\"conv_1x1\",0],[\"skip_connect\",3],[\"skip_connect\",2],[\"max_pool_3x3\",2]],"
            + "[[\"conv_1x1\",0],[\"max_pool_3x3\",1],[\"skip_connect\",2],[\"max_pool_3x3\",1]],"
            + "[[\"conv_1x1\",0],[\"conv_1x1\",0],[\"max_pool_3x3\",2],[\"skip_connect\",2]]]}";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SpaceJson.parseArchitecture(json));
    assertTrue(
        e.getMessage()
            .contains("group 1 node 1: input = 3 cannot feed this node; allowed inputs are 0..1"),
        e.getMessage());
    // a V4 genotype cannot hold max_pool_3x3 (V4 has only none and convs)
    IllegalArgumentException e4 =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpaceJson.parseArchitecture(json.replace("\"v1\"", "\"v4\"")));
    assertTrue(e4.getMessage().contains("is not a v4 op"), e4.getMessage());
  }

  @Test
  void countsMatchHandComputation() {
    // ResNet18 baseline, width 2, 1x28x28, 10 classes, nash-paper bits.
    // stem 3x3 1->2 on 28x28: 18 weights, 28*28*18 = 14112 MACs.
    // g0 (s1, 2 ch, projection): 4 convs 2->2 k3 = 36 w each on 28x28 -> 784*36 = 28224 MACs each;
    //   shortcut 1x1 2->2: 4 w, 3136 MACs.
    // g1 (s2, 2->4, 14x14): conv0 2->4: 72 w, 196*72 = 14112; 3 convs 4->4: 144 w, 28224 each;
    //   shortcut 8 w, 196*8 = 1568.
    // g2 (s2, 4->8, 7x7): conv0 288 w, 49*288 = 14112; 3 x 576 w, 28224 each; shortcut 32 w, 1568.
    // g3 (s2, 8->16, 4x4): conv0 1152 w, 16*1152 = 18432; 3 x 2304 w, 36864 each; sc 128 w, 2048.
    // fc 16->10: 160 w + 10 bias, 160 MACs.
    long convW =
        18 + (4 * 36 + 4) + (72 + 3 * 144 + 8) + (288 + 3 * 576 + 32) + (1152 + 3 * 2304 + 128);
    long macs =
        14112
            + (4 * 28224 + 3136)
            + (14112 + 3 * 28224 + 1568)
            + (14112 + 3 * 28224 + 1568)
            + (18432 + 3 * 36864 + 2048)
            + 160;
    // BN: stem 2, g0 4*2 + 2, g1 4*4 + 4, g2 4*8 + 8, g3 4*16 + 16 channels; gamma+beta each
    long bnChannels = 2 + 10 + 20 + 40 + 80;
    ChildConfig c =
        new ChildConfig(
            Architecture.baseline(Backbone.RESNET18),
            QuantSpec.NASH_PAPER,
            2,
            new ImageShape(1, 28, 28),
            10);
    try (ChildNetwork net = ChildNetwork.build(c, manager, 1)) {
      NetworkStats s = net.stats();
      assertEquals(convW + 160 + 10 + 2 * bnChannels, s.parameters());
      assertEquals(macs, s.macs());
      // every conv and the classifier at 8 bits
      assertEquals((convW + 160) * 8, s.weightBits());
      // stable names
      assertEquals("stem.conv.weight", net.params().get(0).name());
      assertEquals("g0.n1.shortcut.conv", net.groups().get(0).nodes().get(1).shortcutConv().name());
    }
  }

  @Test
  void sameSeedSameWeightsAndNasConvsAreBipolar() {
    ChildConfig c = config(Architecture.of(PublishedGenotypes.V4), 4, 28);
    try (ChildNetwork a = ChildNetwork.build(c, manager, 11);
        ChildNetwork b = ChildNetwork.build(c, manager, 11);
        ChildNetwork d = ChildNetwork.build(c, manager, 12)) {
      float[] wa = a.params().get(5).values();
      assertArrayEquals(wa, b.params().get(5).values(), 0f);
      assertTrue(wa[0] != d.params().get(5).values()[0]);
      var op = a.groups().get(1).nodes().get(0).op();
      assertEquals(Op.CONV_5X5, op.op());
      assertEquals(2, op.stride());
      assertEquals(1, op.conv().weightBits());
      // a bipolar conv's quantized weights take two values per output channel: +-mean|W_c|
      try (NDManager sub = manager.newSubManager();
          NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray q = io.nash.nn.quant.Quantizers.weight(op.conv().weight().array(), 1);
        float[] ch0 = q.get(0).abs().toFloatArray();
        float m = op.conv().weightScale().get(0).toFloatArray()[0];
        for (float v : ch0) {
          assertEquals(m, v, 1e-6f);
        }
        sub.close();
      }
    }
  }
}
