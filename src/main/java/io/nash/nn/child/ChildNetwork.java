package io.nash.nn.child;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.nash.nn.quant.Param;
import io.nash.nn.quant.QuantAvgPool;
import io.nash.nn.quant.QuantConv2d;
import io.nash.nn.quant.QuantLayer;
import io.nash.nn.quant.QuantLinear;
import io.nash.nn.quant.QuantReLU;
import io.nash.nn.quant.Quantizers;
import io.nash.space.GroupSpec;
import io.nash.space.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quantized final network of nash-method.md section 4: a stem, the backbone's groups with each
 * node's one NAS op on its one input (none for the baseline), a truncating average pool and an
 * integer-weight linear classifier, every bit width from the {@link io.nash.space.QuantSpec}.
 *
 * <p>Structure is fixed at construction and introspectable: {@link #layers()} lists every layer in
 * forward order under a stable name, {@link #stem()}, {@link #groups()}, {@link #pool()} and {@link
 * #classifier()} give the graph, and every quant layer exposes its float weights, scales and bit
 * widths. Parameters live in a sub-manager owned by the network ({@link #close()} frees them);
 * initial weights come from the seed alone. The forward pass allocates on the input's manager, so
 * callers run it inside a per-step scope. Not thread-safe.
 */
public final class ChildNetwork implements AutoCloseable {
  private final ChildConfig config;
  private final NDManager manager;
  private final Stem stem;
  private final List<ChildGroup> groups;
  private final QuantAvgPool pool;
  private final QuantLinear classifier;
  private final List<QuantLayer> layers;
  private final List<Param> params;
  private final NetworkStats stats;

  private ChildNetwork(ChildConfig config, NDManager parent, long seed) {
    this.config = config;
    io.nash.nn.TorchRuntime.prepare(config.width(), !parent.getDevice().isGpu());
    this.manager = parent.newSubManager();
    Builder b = new Builder(manager, seed, config.quant());
    int w = config.width();
    stem = new Stem(b, config.input(), w);
    int h = stem.outHeight();
    int wd = stem.outWidth();
    List<ChildGroup> gs = new ArrayList<>();
    List<GroupSpec> specs = config.architecture().backbone().groups();
    for (int g = 0; g < specs.size(); g++) {
      final int gi = g;
      List<Node> nodes =
          config.architecture().genotype().map(gt -> gt.groups().get(gi)).orElse(null);
      GroupLayout layout = GroupLayout.of(specs.get(g), w, h, wd);
      gs.add(new ChildGroup(b, layout, nodes));
      h = layout.outH();
      wd = layout.outW();
    }
    groups = List.copyOf(gs);
    int act = config.quant().activations();
    pool =
        b.add(
            new QuantAvgPool(
                "pool",
                act,
                config.quant().pool(),
                Quantizers.reluScale(act, QuantReLU.MAX),
                h * wd));
    int channels = groups.get(groups.size() - 1).outChannels();
    classifier =
        b.add(
            new QuantLinear(
                "fc",
                channels,
                config.classes(),
                config.quant().classifierWeights(),
                manager,
                b.rng));
    layers = List.copyOf(b.layers);
    List<Param> ps = new ArrayList<>();
    layers.forEach(l -> ps.addAll(l.params()));
    params = List.copyOf(ps);
    stats = NetworkStats.of(layers);
  }

  /**
   * Builds the network of {@code config} with parameters in a sub-manager of {@code parent},
   * initialised from {@code seed}. Errors name the group, node and op that cannot be built.
   */
  public static ChildNetwork build(ChildConfig config, NDManager parent, long seed) {
    return new ChildNetwork(config, parent, seed);
  }

  /** Logits (N, classes) for images (N, C, H, W); batch statistics in BN when training. */
  public NDArray forward(NDArray images, boolean training) {
    NDArray x = stem.forward(images, training);
    for (ChildGroup g : groups) {
      x = g.forward(x, training);
    }
    return classifier.forward(pool.forward(x));
  }

  public ChildConfig config() {
    return config;
  }

  public Stem stem() {
    return stem;
  }

  public List<ChildGroup> groups() {
    return groups;
  }

  public QuantAvgPool pool() {
    return pool;
  }

  public QuantLinear classifier() {
    return classifier;
  }

  /** Every layer in forward order (stem, groups node by node, pool, classifier). */
  public List<QuantLayer> layers() {
    return layers;
  }

  /** Every tensor (trainable and BN running statistics) in a fixed order with stable names. */
  public List<Param> params() {
    return params;
  }

  /** The trainable tensors only. */
  public List<Param> trainableParams() {
    return params.stream().filter(Param::trainable).toList();
  }

  /** Parameter, MAC and weight-bit counts. */
  public NetworkStats stats() {
    return stats;
  }

  /** A copy of every tensor's values by name. */
  public Map<String, float[]> snapshot() {
    Map<String, float[]> m = new LinkedHashMap<>();
    for (Param p : params) {
      m.put(p.name(), p.values());
    }
    return m;
  }

  /**
   * Loads the named values; with {@code strict}, every tensor must be present. Returns how many
   * tensors were loaded. A wrong length fails before anything is written.
   */
  public int load(Map<String, float[]> values, boolean strict) {
    List<Param> hits = new ArrayList<>();
    for (Param p : params) {
      float[] v = values.get(p.name());
      if (v == null) {
        if (strict) {
          throw new IllegalArgumentException("weights lack tensor " + p.name());
        }
        continue;
      }
      if (v.length != p.array().size()) {
        throw new IllegalArgumentException(
            "tensor " + p.name() + ": " + v.length + " values, network needs " + p.array().size());
      }
      hits.add(p);
    }
    for (Param p : hits) {
      p.load(values.get(p.name()));
    }
    return hits.size();
  }

  /** A multi-line listing of the layers and their quantizers. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(config.architecture())
        .append(" width ")
        .append(config.width())
        .append(" input ")
        .append(config.input())
        .append('\n');
    for (QuantLayer l : layers) {
      sb.append("  ").append(l.name()).append(": ").append(l.describe()).append('\n');
    }
    return sb.append("  ").append(stats).toString();
  }

  /** Convolutions in forward order (stem, backbone, shortcuts, NAS ops). */
  public List<QuantConv2d> convs() {
    return layers.stream().filter(l -> l instanceof QuantConv2d).map(l -> (QuantConv2d) l).toList();
  }

  @Override
  public void close() {
    manager.close();
  }
}
