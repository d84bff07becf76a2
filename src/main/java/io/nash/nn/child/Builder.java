package io.nash.nn.child;

import ai.djl.ndarray.NDManager;
import io.nash.nn.quant.BatchNorm2d;
import io.nash.nn.quant.QuantConv2d;
import io.nash.nn.quant.QuantHardTanh;
import io.nash.nn.quant.QuantLayer;
import io.nash.nn.quant.QuantReLU;
import io.nash.space.QuantSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Construction context of one {@link ChildNetwork}: the manager that owns the parameters, the
 * seeded generator for initial weights (consumed in construction order, so a seed fixes the
 * network), the bit widths, and the list of layers in forward order. Single-use, not thread-safe.
 */
final class Builder {
  final NDManager manager;
  final Random rng;
  final QuantSpec quant;
  final List<QuantLayer> layers = new ArrayList<>();
  private final Set<String> names = new HashSet<>();

  Builder(NDManager manager, long seed, QuantSpec quant) {
    this.manager = manager;
    this.rng = new Random(seed);
    this.quant = quant;
  }

  <L extends QuantLayer> L add(L layer) {
    if (!names.add(layer.name())) {
      throw new IllegalStateException("duplicate layer name " + layer.name());
    }
    layers.add(layer);
    return layer;
  }

  QuantConv2d conv(
      String name, QuantConv2d.Role role, int in, int out, int k, int stride, int h, int w) {
    int bits =
        switch (role) {
          case FIRST -> quant.firstLayerBits();
          case BACKBONE, SHORTCUT -> quant.backboneWeightBits();
          case NAS -> quant.nasWeightBits();
        };
    return add(new QuantConv2d(name, role, in, out, k, stride, k / 2, bits, h, w, manager, rng));
  }

  BatchNorm2d bn(String name, int channels) {
    return add(new BatchNorm2d(name, channels, manager));
  }

  QuantReLU relu(String name) {
    return add(new QuantReLU(name, quant.activationBits()));
  }

  QuantHardTanh hardTanh(String name) {
    return add(new QuantHardTanh(name, quant.residualBits()));
  }
}
