package io.nash.hw;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON configs FINN's build reads (finn-reference.md sections 1.2 and 1.3): the folding config
 * and the specialize-layers config (both applied with QONNX {@code ApplyConfig}, which requires a
 * {@code "Defaults"} key) and {@code dataflow_build_config.json}. The node names match FINN's only
 * if FINN's graph has our node order (the exporter writes layers in our lowering order). Stateless;
 * thread-safe.
 */
public final class FinnConfigs {
  private FinnConfigs() {}

  /** {@code folding_config.json}: {@code "Defaults": {}} then per specialized node name. */
  public static String foldingConfig(HwGraph g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Defaults", Map.of());
    for (HwGraph.Node n : g.nodes()) {
      m.put(n.name(), n.op().foldingEntry());
    }
    return PyJson.write(m);
  }

  /**
   * {@code specialize_layers_config.json}: per pre-specialization name ({@code MVAU_0}, as in
   * FINN's template_specialize_layers_config.json) the {@code preferred_impl_style} we chose.
   */
  public static String specializeLayersConfig(HwGraph g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Defaults", Map.of());
    for (HwGraph.Node n : g.nodes()) {
      m.put(n.baseName(), Map.of("preferred_impl_style", n.op().impl().suffix()));
    }
    return PyJson.write(m);
  }

  /**
   * {@code nash_layers.json}: our HW graph, per node in graph order its name, specialized op type,
   * FINN attributes and the names of the nodes feeding each input ({@code "input"} for the graph
   * input). The NASH build steps match FINN's HW layers to these by graph position and give them
   * our names, so the folding and specialize configs apply to the right layers.
   */
  public static String layers(HwGraph g) {
    java.util.List<Object> nodes = new java.util.ArrayList<>();
    for (HwGraph.Node n : g.nodes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", n.name());
      m.put("base_name", n.baseName());
      m.put("op_type", n.op().specializedType());
      java.util.List<String> from = new java.util.ArrayList<>();
      for (int id : n.inputs()) {
        int p = g.producerOf(id);
        from.add(p < 0 ? "input" : g.node(p).name());
      }
      m.put("inputs", from);
      m.put("attributes", n.op().attributes());
      nodes.add(m);
    }
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("nodes", nodes);
    return PyJson.write(top);
  }

  /** {@code floor} raised to the widest {@code W * SIMD} of {@code g}'s MVAUs. */
  public static int mvauWwidthMax(HwGraph g, int floor) {
    int m = floor;
    for (HwOp op : g.ops()) {
      if (op instanceof Mvau v) {
        m = Math.max(m, v.weightWidthPerPe());
      }
    }
    return m;
  }

  /** Settings of the generated build beyond device and clock. */
  public record BuildOptions(
      List<String> generateOutputs, int mvauWwidthMax, boolean autoFifoDepths) {
    static final List<String> ALLOWED =
        List.of(
            "stitched_ip",
            "estimate_reports",
            "out_of_context_synth",
            "rtlsim_performance",
            "bitfile",
            "pynq_driver",
            "deployment_package");

    public BuildOptions {
      generateOutputs = List.copyOf(generateOutputs);
      if (generateOutputs.isEmpty()) {
        throw new IllegalArgumentException(
            "generate_outputs must not be empty; allowed are " + ALLOWED);
      }
      for (String o : generateOutputs) {
        if (!ALLOWED.contains(o)) {
          throw new IllegalArgumentException(
              "generate_outputs entry '" + o + "': allowed are " + ALLOWED);
        }
      }
      if (mvauWwidthMax < 1) {
        throw new IllegalArgumentException("mvau_wwidth_max = " + mvauWwidthMax + ": must be >= 1");
      }
    }

    /** Estimate reports only, FINN's default width limit, automatic FIFO sizing. */
    public static BuildOptions estimatesOnly() {
      return new BuildOptions(
          List.of("estimate_reports"), SetFolding.DEFAULT_MVAU_WWIDTH_MAX, true);
    }

    /** Everything up to a bitfile and driver. */
    public static BuildOptions bitfile() {
      return new BuildOptions(
          List.of(
              "estimate_reports", "stitched_ip", "bitfile", "pynq_driver", "deployment_package"),
          SetFolding.DEFAULT_MVAU_WWIDTH_MAX,
          true);
    }
  }

  /**
   * {@code dataflow_build_config.json} with FINN's field names (a dataclass_json) for the design
   * {@code g}. Its {@code mvau_wwidth_max} is the options' value, raised to the widest per-PE
   * weight word {@code W * SIMD} of {@code g}'s MVAUs ({@link #mvauWwidthMax}), so the config
   * admits the folding it carries.
   */
  public static String buildConfig(HwGraph g, Device d, double clockNs, BuildOptions o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("output_dir", "output");
    m.put("synth_clk_period_ns", clockNs);
    m.put("generate_outputs", o.generateOutputs());
    m.put("board", d.finnBoard());
    m.put("shell_flow_type", d.shellFlow());
    m.put("fpga_part", d.part());
    m.put("folding_config_file", "folding_config.json");
    m.put("specialize_layers_config_file", "specialize_layers_config.json");
    m.put("mvau_wwidth_max", mvauWwidthMax(g, o.mvauWwidthMax()));
    m.put("standalone_thresholds", false);
    m.put("minimize_bit_width", true);
    m.put("auto_fifo_depths", o.autoFifoDepths());
    m.put("save_intermediate_models", true);
    if (d.isAlveo() && !d.vitisPlatform().isEmpty()) {
      m.put("vitis_platform", d.vitisPlatform());
    }
    return PyJson.write(m);
  }
}
