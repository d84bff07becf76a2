package io.nash.hw;

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
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hardware cost of every candidate op on every searchable edge at a target frame rate, for the
 * architecture loss {@code CE + lambda * E_alpha[cost]} (nash-method.md, "Hardware term").
 *
 * <p>The cost of a design is its FINN resources at SetFolding's folding for the target cycles
 * {@code (1e9 / clock) / targetFps} (the folding FINN itself would pick to meet the target), as
 * {@link Resources#normalizedCost(Resources)}: LUT, BRAM_18K, URAM and DSP each divided by the
 * device's budget, summed. The table is built with the one cost model ({@link Lowering}, {@link
 * SetFolding}, {@link Estimator}): {@code fixed} is the cost of the genotype whose every node is
 * {@code none}; {@code c[g][e][o]} is the cost of that genotype with only the node of edge {@code
 * e} set to op {@code o} on that edge, minus {@code fixed} ({@code none} costs 0). SetFolding folds
 * each layer for the target on its own, so the cost of a genotype is {@code fixed} plus the sum of
 * its kept edges' entries, up to the stream duplications a state read by two NAS ops shares
 * (checked against the estimator in {@code OpCostTableTest}). Immutable.
 */
public final class OpCostTable {
  private static final Map<Key, OpCostTable> CACHE = new ConcurrentHashMap<>();

  private final Backbone backbone;
  private final NashVersion version;
  private final double fixed;
  private final double[][][] cost; // [group][edge][op]

  /** A table from explicit entries (tests and hand-computed spaces). */
  public OpCostTable(Backbone backbone, NashVersion version, double fixed, double[][][] cost) {
    this.backbone = Objects.requireNonNull(backbone, "backbone");
    this.version = Objects.requireNonNull(version, "version");
    List<GroupSpec> specs = backbone.groups();
    if (cost.length != specs.size()) {
      throw new IllegalArgumentException(
          "cost table has " + cost.length + " groups: must have " + specs.size());
    }
    int ops = version.ops().size();
    this.cost = new double[cost.length][][];
    for (int g = 0; g < cost.length; g++) {
      if (cost[g].length != specs.get(g).edges()) {
        throw new IllegalArgumentException(
            "cost table group "
                + g
                + " has "
                + cost[g].length
                + " edges: must have "
                + specs.get(g).edges());
      }
      this.cost[g] = new double[cost[g].length][];
      for (int e = 0; e < cost[g].length; e++) {
        if (cost[g][e].length != ops) {
          throw new IllegalArgumentException(
              "cost table group "
                  + g
                  + " edge "
                  + e
                  + " has "
                  + cost[g][e].length
                  + " ops: must have "
                  + ops);
        }
        this.cost[g][e] = cost[g][e].clone();
      }
    }
    this.fixed = fixed;
  }

  /**
   * The table of a search space on {@code device} at {@code targetFps}, for networks {@code width}
   * wide clocked at {@code clockNs} (the input's default stem, FINN's default {@code
   * mvau_wwidth_max}), computed once per key and cached.
   */
  public static OpCostTable of(
      Backbone backbone,
      NashVersion version,
      QuantSpec quant,
      ImageShape input,
      int classes,
      int width,
      Device device,
      double clockNs,
      double targetFps) {
    if (!(targetFps > 0)) {
      throw new IllegalArgumentException("target-fps = " + targetFps + ": must be > 0");
    }
    return CACHE.computeIfAbsent(
        new Key(backbone, version, quant, input, classes, width, device, clockNs, targetFps),
        OpCostTable::compute);
  }

  /** What a table depends on; records compare by value, so equal settings share one table. */
  private record Key(
      Backbone backbone,
      NashVersion version,
      QuantSpec quant,
      ImageShape input,
      int classes,
      int width,
      Device device,
      double clockNs,
      double targetFps) {}

  private static OpCostTable compute(Key k) {
    Backbone backbone = k.backbone();
    NashVersion version = k.version();
    QuantSpec quant = k.quant();
    ImageShape input = k.input();
    int classes = k.classes();
    int width = k.width();
    Device device = k.device();
    double clockNs = k.clockNs();
    double targetFps = k.targetFps();
    List<Op> ops = version.ops();
    List<List<Node>> empty = new ArrayList<>();
    for (GroupSpec spec : backbone.groups()) {
      List<Node> nodes = new ArrayList<>();
      for (int i = 0; i < spec.steps(); i++) {
        nodes.add(new Node(Op.NONE, 0));
      }
      empty.add(nodes);
    }
    double fixed =
        cost(
            new Genotype(backbone, version, empty),
            quant,
            input,
            classes,
            width,
            device,
            clockNs,
            targetFps);
    double[][][] c = new double[empty.size()][][];
    for (GroupSpec spec : backbone.groups()) {
      int g = spec.index();
      c[g] = new double[spec.edges()][ops.size()];
      for (int i = 0; i < spec.steps(); i++) {
        int start = i * (i + 1) / 2;
        for (int j = 0; j <= i; j++) {
          for (int o = 0; o < ops.size(); o++) {
            if (ops.get(o) == Op.NONE) {
              continue;
            }
            List<List<Node>> groups = new ArrayList<>();
            for (List<Node> n : empty) {
              groups.add(new ArrayList<>(n));
            }
            groups.get(g).set(i, new Node(ops.get(o), j));
            Genotype one = new Genotype(backbone, version, groups);
            c[g][start + j][o] =
                cost(one, quant, input, classes, width, device, clockNs, targetFps) - fixed;
          }
        }
      }
    }
    return new OpCostTable(backbone, version, fixed, c);
  }

  /**
   * The normalised resources of {@code genotype} at SetFolding's folding for {@code targetFps} on
   * {@code device}, built {@code width} wide and clocked at {@code clockNs} ({@link
   * TargetDesign#cost}; the {@code setFolding} report of {@link HardwareEstimator} at a target).
   */
  public static double cost(
      Genotype genotype,
      QuantSpec quant,
      ImageShape input,
      int classes,
      int width,
      Device device,
      double clockNs,
      double targetFps) {
    return TargetDesign.of(
            Architecture.of(genotype), quant, input, classes, width, device, clockNs, targetFps)
        .cost();
  }

  /** Cost of the layers no op choice changes (the all-{@code none} genotype). */
  public double fixed() {
    return fixed;
  }

  /** Extra cost of op {@code op} on edge {@code edge} of group {@code group}. */
  public double cost(int group, int edge, int op) {
    return cost[group][edge][op];
  }

  /** {@code fixed} plus the kept edges' entries: the table's cost of a derived genotype. */
  public double costOf(Genotype genotype) {
    double s = fixed;
    List<Op> ops = version.ops();
    for (GroupSpec spec : backbone.groups()) {
      for (int i = 0; i < spec.steps(); i++) {
        Node n = genotype.node(spec.index(), i);
        s += cost[spec.index()][i * (i + 1) / 2 + n.input()][ops.indexOf(n.op())];
      }
    }
    return s;
  }

  /**
   * {@code E_alpha[cost] = fixed + sum_g sum_e sum_o softmax(alpha_{g,e})_o * c[g][e][o]}: the
   * supernet mixes every op on every edge, so every edge counts.
   */
  public double expected(ArchWeights alpha) {
    check(alpha);
    double s = fixed;
    for (int g = 0; g < cost.length; g++) {
      double[][] p = alpha.probabilities(g);
      for (int e = 0; e < p.length; e++) {
        for (int o = 0; o < p[e].length; o++) {
          s += p[e][o] * cost[g][e][o];
        }
      }
    }
    return s;
  }

  /**
   * The gradient of {@link #expected} in the flat alpha layout ({@link ArchWeights#flat()}): {@code
   * dE/dalpha_{e,k} = p_k * (c_k - sum_o p_o * c_o)}.
   */
  public double[] gradient(ArchWeights alpha) {
    check(alpha);
    int ops = version.ops().size();
    int n = 0;
    for (double[][] t : cost) {
      n += t.length * ops;
    }
    double[] grad = new double[n];
    int at = 0;
    for (int g = 0; g < cost.length; g++) {
      double[][] p = alpha.probabilities(g);
      for (int e = 0; e < p.length; e++) {
        double mean = 0;
        for (int o = 0; o < ops; o++) {
          mean += p[e][o] * cost[g][e][o];
        }
        for (int o = 0; o < ops; o++) {
          grad[at++] = p[e][o] * (cost[g][e][o] - mean);
        }
      }
    }
    return grad;
  }

  private void check(ArchWeights alpha) {
    if (alpha.backbone() != backbone || alpha.version() != version) {
      throw new IllegalArgumentException(
          "alpha of "
              + alpha.backbone()
              + " "
              + alpha.version()
              + ": the cost table is for "
              + backbone
              + " "
              + version);
    }
  }
}
