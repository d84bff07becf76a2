package io.nash.pipeline;

import io.nash.config.Settings;
import io.nash.hw.Device;
import io.nash.hw.DeviceCatalog;
import io.nash.hw.OpCostTable;
import io.nash.hw.TargetDesign;
import io.nash.nn.SupernetSpec;
import io.nash.search.Candidate;
import io.nash.search.engine.ArchCost;
import io.nash.space.ArchWeights;
import io.nash.space.Architecture;
import io.nash.space.ImageShape;
import io.nash.space.QuantSpec;
import io.nash.store.CandidateTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hardware term of a run's architecture loss, from {@code nash.search.hw.weight}, {@code
 * nash.search.hw.device} and {@code nash.search.hw.target-fps}: the FINN cost table of the searched
 * space on the chosen device at the target frame rate, for the networks the later stages build and
 * estimate ({@code nash.train.quant}, {@code nash.train.width} wide, clocked at {@code
 * nash.hw.clock-ns}), or none when the weight is 0; and the same target for the candidates ({@code
 * nash.candidates.hw.require-target}): whether each candidate's SetFolding design at the target
 * frame rate meets it ({@link TargetDesign#meets}).
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
              s.getInt("nash.train.width"),
              DeviceCatalog.builtIn().get(device),
              s.getDouble("nash.hw.clock-ns"),
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

  /** {@code nash.search.hw.target-fps} for messages: 1000, not 1000.0. */
  static String fps(Settings s) {
    double fps = s.getDouble("nash.search.hw.target-fps");
    return fps == Math.rint(fps) && Math.abs(fps) < 1e15
        ? Long.toString((long) fps)
        : Double.toString(fps);
  }

  /** {@code nash.candidates.hw.require-target}: off, mark or drop. */
  static String requireTarget(Settings s) {
    return s.getString("nash.candidates.hw.require-target");
  }

  /**
   * The target mark of every candidate, by id, in candidate order: its network as the later stages
   * build it ({@code nash.train.width}, {@code nash.train.quant}, {@code nash.hw.clock-ns}, the
   * run's input and classes) folded by SetFolding for {@code nash.search.hw.target-fps} on {@code
   * nash.search.hw.device}.
   */
  static Map<String, CandidateTarget> targets(
      Settings s, SupernetSpec net, List<Candidate> candidates) {
    Device device = DeviceCatalog.builtIn().get(s.getString("nash.search.hw.device"));
    double fps = s.getDouble("nash.search.hw.target-fps");
    QuantSpec quant = QuantSpec.named(s.getString("nash.train.quant"));
    ImageShape input = new ImageShape(net.inChannels(), net.imageSize(), net.imageSize());
    int width = s.getInt("nash.train.width");
    Map<String, CandidateTarget> out = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      TargetDesign d =
          TargetDesign.of(
              Architecture.of(c.genotype()),
              quant,
              input,
              net.classes(),
              width,
              device,
              s.getDouble("nash.hw.clock-ns"),
              fps);
      out.put(c.id(), new CandidateTarget(device.name(), fps, d.meets(), d.fps(), d.cost()));
    }
    return out;
  }
}
