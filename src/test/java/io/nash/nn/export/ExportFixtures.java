package io.nash.nn.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.nash.nn.child.ChildConfig;
import io.nash.nn.child.ChildNetwork;
import io.nash.nn.child.InputShape;
import io.nash.nn.quant.Param;
import io.nash.space.Architecture;
import io.nash.space.QuantSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Small child networks with non-trivial BN statistics, and their DJL eval-mode logits. */
final class ExportFixtures {
  private ExportFixtures() {}

  static ChildNetwork network(
      NDManager manager, Architecture a, QuantSpec quant, int width, InputShape in, long seed) {
    return network(manager, a, quant, width, in, seed, 10);
  }

  static ChildNetwork network(
      NDManager manager,
      Architecture a,
      QuantSpec quant,
      int width,
      InputShape in,
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

  static float[] input(InputShape in, int batch, long seed) {
    Random r = new Random(seed);
    float[] x = new float[batch * in.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  /** Eval-mode logits of the DJL network, flattened. */
  static float[] djlLogits(NDManager manager, ChildNetwork net, float[] x, int batch) {
    InputShape in = net.config().input();
    try (NDManager sub = manager.newSubManager();
        NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray input = sub.create(x, new Shape(batch, in.channels(), in.height(), in.width()));
      return net.forward(input, false).toFloatArray();
    }
  }
}
