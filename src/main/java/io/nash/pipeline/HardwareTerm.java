package io.nash.pipeline;

import io.nash.config.Settings;
import io.nash.hw.DeviceCatalog;
import io.nash.hw.OpCostTable;
import io.nash.nn.SupernetSpec;
import io.nash.search.engine.ArchCost;
import io.nash.space.ArchWeights;
import io.nash.space.ImageShape;
import io.nash.space.QuantSpec;

/**
 * The hardware term of a run's architecture loss, from {@code nash.search.hw.weight}, {@code
 * nash.search.hw.device} and {@code nash.search.hw.target-fps}: the FINN cost table of the searched
 * space on the chosen device at the target frame rate (quantized as {@code nash.train.quant}, since
 * that is how the final networks are built), or none when the weight is 0.
 */
final class HardwareTerm {
  private HardwareTerm() {}

  /** Null when {@code nash.search.hw.weight} is 0 (no term, the search is unchanged). */
  static ArchCost of(Settings s, SupernetSpec net) {
    double weight = s.getDouble("nash.search.hw.weight");
    if (weight == 0) {
      return null;
    }
    String device = s.getString("nash.search.hw.device");
    if ("none".equalsIgnoreCase(device)) {
      throw new IllegalArgumentException(
          "nash.search.hw.weight = "
              + weight
              + " needs nash.search.hw.device: allowed are "
              + String.join(", ", DeviceCatalog.builtIn().names()));
    }
    OpCostTable table;
    try {
      table =
          OpCostTable.of(
              net.backbone(),
              net.version(),
              QuantSpec.named(s.getString("nash.train.quant")),
              new ImageShape(net.inChannels(), net.imageSize(), net.imageSize()),
              net.classes(),
              DeviceCatalog.builtIn().get(device),
              s.getDouble("nash.search.hw.target-fps"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("nash.search.hw.device: " + e.getMessage(), e);
    }
    return new ArchCost() {
      @Override
      public double expected(float[] alpha) {
        return table.expected(ArchWeights.fromFlat(net.backbone(), net.version(), alpha));
      }

      @Override
      public double[] gradient(float[] alpha) {
        return table.gradient(ArchWeights.fromFlat(net.backbone(), net.version(), alpha));
      }
    };
  }
}
