package io.nash.nn.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.nash.nn.TorchRuntime;
import io.nash.nn.child.ChildConfig;
import io.nash.nn.child.ChildNetwork;
import io.nash.space.Architecture;
import io.nash.space.ImageShape;
import io.nash.space.PublishedGenotypes;
import io.nash.space.QuantSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A child network of width 4 (4..32-channel convolutions) gives exactly the same gradients run
 * after run: the regression test for libtorch's oneDNN padded-channel convolutions, which {@link
 * TorchRuntime} switches off when such a network is built. With oneDNN forced on ({@code
 * NASH_TORCH_ONEDNN=on}) and two intra-op threads this test failed: weight gradients differed
 * between identical repeats.
 */
class ConvGradientTest {
  @Test
  void narrowChildNetworkGradientsAreRepeatable() {
    Engine.getInstance();
    int threads = JniUtils.getNumThreads();
    // two intra-op threads: with oneDNN on, that made the gradients differ between repeats
    JniUtils.setNumThreads(2);
    try (NDManager m = NDManager.newBaseManager()) {
      for (var g : List.of(PublishedGenotypes.V1, PublishedGenotypes.V4)) {
        ChildConfig c =
            new ChildConfig(
                Architecture.of(g), QuantSpec.NASH_PAPER, 4, new ImageShape(1, 28, 28), 10);
        try (ChildNetwork net = ChildNetwork.build(c, m, 3)) {
          assertEquals(Boolean.FALSE, TorchRuntime.oneDnnEnabled(), "width 4 turns oneDNN off");
          float[] data = new float[16 * 28 * 28];
          Random r = new Random(5);
          for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextGaussian();
          }
          List<float[]> first = null;
          for (int rep = 0; rep < 4; rep++) {
            List<float[]> grads = new ArrayList<>();
            try (NDManager s = m.newSubManager()) {
              NDArray x = s.create(data, new Shape(16, 1, 28, 28));
              for (Param p : net.trainableParams()) {
                p.array().setRequiresGradient(true);
              }
              try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(net.forward(x, true).square().mean());
              }
              for (Param p : net.trainableParams()) {
                NDArray gr = p.array().getGradient();
                grads.add(gr.toFloatArray());
                gr.subi(gr); // autograd accumulates into it
                p.array().setRequiresGradient(false);
              }
            }
            if (first == null) {
              first = grads;
            } else {
              for (int k = 0; k < grads.size(); k++) {
                assertArrayEquals(
                    first.get(k),
                    grads.get(k),
                    0f,
                    g.version() + " " + net.trainableParams().get(k).name() + " repeat " + rep);
              }
            }
          }
        }
      }
    } finally {
      JniUtils.setNumThreads(threads);
    }
  }
}
