package io.nash.nn.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.nash.nn.child.ChildConfig;
import io.nash.nn.child.ChildNetwork;
import io.nash.nn.quant.Param;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.Genotype;
import io.nash.space.ImageShape;
import io.nash.space.NashVersion;
import io.nash.space.Node;
import io.nash.space.Op;
import io.nash.space.QuantSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small child networks with non-trivial BN statistics, and their DJL eval-mode logits. */
final class ExportFixtures {
  private ExportFixtures() {}

  /**
   * Stride-2 ops the published genotypes never use: the factorized reduce (stride-2 skip_connect)
   * and the doubled max pool on edge 0 of the strided groups, next to convs and stride-1 ops; at 28
   * px the strided groups map 14 -> 7 and 7 -> 4 (odd maps, so zero padding is sampled).
   */
  static Genotype stride2Genotype() {
    List<Node> g0 =
        List.of(
            new Node(Op.CONV_3X3, 0),
            new Node(Op.SKIP_CONNECT, 1),
            new Node(Op.NONE, 0),
            new Node(Op.MAX_POOL_3X3, 3));
    List<Node> s2 =
        List.of(
            new Node(Op.SKIP_CONNECT, 0),
            new Node(Op.MAX_POOL_3X3, 0),
            new Node(Op.CONV_5X5, 0),
            new Node(Op.CONV_1X1, 2));
    List<Node> s2b =
        List.of(
            new Node(Op.MAX_POOL_3X3, 0),
            new Node(Op.SKIP_CONNECT, 0),
            new Node(Op.CONV_1X1, 1),
            new Node(Op.NONE, 0));
    return new Genotype(Backbone.RESNET18, NashVersion.V1, List.of(g0, s2, s2b, s2));
  }

  static ChildNetwork network(
      NDManager manager, Architecture a, QuantSpec quant, int width, ImageShape in, long seed) {
    return network(manager, a, quant, width, in, seed, 10);
  }

  static ChildNetwork network(
      NDManager manager,
      Architecture a,
      QuantSpec quant,
      int width,
      ImageShape in,
      long seed,
      int classes) {
    ChildNetwork net =
        ChildNetwork.build(new ChildConfig(a, quant, width, in, classes), manager, seed);
    // BN at its initial values is the identity; give every BN trained-looking statistics
    Random r = new Random(seed + 1);
    Map<String, float[]> values = new LinkedHashMap<>();
    for (Param p : net.params()) {
      float[] v = p.values();
      for (int i = 0; i < v.length; i++) {
        v[i] =
            switch (p.kind()) {
              case GAMMA -> (float) (0.5 + r.nextDouble());
              case BETA, RUNNING_MEAN -> (float) (0.2 * r.nextGaussian());
              case RUNNING_VAR -> (float) (0.5 + r.nextDouble());
              default -> v[i];
            };
      }
      values.put(p.name(), v);
    }
    net.load(values, true);
    return net;
  }

  static float[] input(ImageShape in, int batch, long seed) {
    Random r = new Random(seed);
    float[] x = new float[batch * in.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  /** Eval-mode logits of the DJL network, flattened. */
  static float[] djlLogits(NDManager manager, ChildNetwork net, float[] x, int batch) {
    ImageShape in = net.config().input();
    try (NDManager sub = manager.newSubManager();
        NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray input = sub.create(x, new Shape(batch, in.channels(), in.height(), in.width()));
      return net.forward(input, false).toFloatArray();
    }
  }
}
