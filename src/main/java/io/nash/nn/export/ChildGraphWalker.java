package io.nash.nn.export;

import io.nash.Version;
import io.nash.hw.onnx.GraphBuilder;
import io.nash.hw.onnx.OnnxAttribute;
import io.nash.hw.onnx.OnnxModel;
import io.nash.nn.child.ChildGroup;
import io.nash.nn.child.ChildNetwork;
import io.nash.nn.child.ChildNode;
import io.nash.nn.child.NasOp;
import io.nash.nn.child.Stem;
import io.nash.nn.quant.BatchNorm2d;
import io.nash.nn.quant.QuantConv2d;
import io.nash.nn.quant.QuantLinear;
import io.nash.space.ImageShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a {@link ChildNetwork} in forward order and emits the same computation as ONNX nodes,
 * mirroring {@code Stem}, {@code ChildNode} and {@code NasOp} of the network (eval mode: BN uses
 * its running statistics). The flavour-specific parts (weights, quantizers, pool) come from a
 * {@link Quantization}; convs, BN, pools, adds, concatenations and the factorized reduce's shift
 * are the same in both. One walker per export; not thread-safe.
 */
final class ChildGraphWalker {
  /** The standard opset (QONNX's preferred one). */
  static final long OPSET = OnnxModel.DEFAULT_OPSET;

  /** BatchNorm2d's epsilon (PyTorch's default, as the network uses). */
  static final float BN_EPS = io.nash.nn.quant.BatchNorm2d.EPS;

  private final GraphBuilder g;
  private final Quantization q;

  private ChildGraphWalker(String name, Quantization q) {
    this.g = new GraphBuilder(name);
    this.q = q;
  }

  static OnnxModel toModel(ChildNetwork net, ExportFormat format) {
    Quantization q =
        format == ExportFormat.QONNX ? new QonnxQuantization() : new FloatQuantization();
    String label = net.config().architecture().label();
    ChildGraphWalker w = new ChildGraphWalker("nash_" + label, q);
    ImageShape in = net.config().input();
    long batch = q.batch();
    String x = w.g.input("global_in", batch, in.channels(), in.height(), in.width());
    q.annotateInput(w.g, x);
    String y = w.stem(q.input(w.g, x), net.stem());
    int h = net.stem().outHeight();
    int wd = net.stem().outWidth();
    for (ChildGroup grp : net.groups()) {
      y = w.group(y, grp);
      h = grp.outHeight();
      wd = grp.outWidth();
    }
    y = q.avgPool(w.g, y, net.pool(), h, wd);
    y = w.linear(y, net.classifier());
    w.g.output(y, batch, net.config().classes());
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("nash.architecture", net.config().architecture().toString());
    meta.put("nash.version", label);
    meta.put("nash.width", Integer.toString(net.config().width()));
    meta.put("nash.input", in.toString());
    meta.put("nash.classes", Integer.toString(net.config().classes()));
    meta.put("nash.quant", net.config().quant().toString());
    meta.put("nash.format", format.name().toLowerCase(java.util.Locale.ROOT));
    return w.g.model(Version.NAME, Version.current(), q.opsets(), meta);
  }

  private String stem(String x, Stem s) {
    String y = q.relu(g, bn(conv(x, s.conv()), s.bn()), s.relu());
    // after the unsigned activation: ONNX's -inf padding and FINN's zero padding agree
    return s.hasMaxPool() ? maxPool(y, 2, OnnxAttribute.ints("pads", 1, 1, 1, 1)) : y;
  }

  private String group(String x, ChildGroup grp) {
    List<String> states = new ArrayList<>();
    states.add(x);
    for (ChildNode n : grp.nodes()) {
      states.add(node(states, n));
    }
    return states.get(states.size() - 1);
  }

  /** State i+1 from states 0..i, as {@code ChildNode.forward}. */
  private String node(List<String> states, ChildNode n) {
    int i = n.index();
    String y = bn(conv(states.get(i), n.conv()), n.bn());
    if (n.hasResidual()) {
      String blockIn = states.get(i - 1);
      String sc =
          n.shortcutConv() == null ? blockIn : bn(conv(blockIn, n.shortcutConv()), n.shortcutBn());
      y = add(q.hardTanh(g, y, n.residualMain()), q.hardTanh(g, sc, n.residualShortcut()));
    }
    if (n.op() != null) {
      String operand = nasOp(states.get(n.node().input()), n.op());
      y = add(q.hardTanh(g, y, n.opMain()), q.hardTanh(g, operand, n.opOperand()));
    }
    return q.relu(g, y, n.relu());
  }

  /** As {@code NasOp.forward}. */
  private String nasOp(String x, NasOp op) {
    switch (op.op()) {
      case MAX_POOL_3X3 -> {
        String y = zeroPaddedPool(x, op.stride());
        if (op.stride() == 2) {
          // concat(y, y) as two equal pools: a node reading one tensor twice does not survive
          // FINN's streamlining (qonnx's rename_tensor renames only its first such input)
          y = concat(y, zeroPaddedPool(x, op.stride()));
        }
        return bn(y, op.bn());
      }
      case SKIP_CONNECT -> {
        if (op.stride() == 1) {
          return x;
        }
        // relu(concat(a, b)) = concat(relu(a), relu(b)): each half's ReLU fuses into its MVAU.
        // The shifted half x[:, :, 1:, 1:] (zero-padded at the end) is a 2x2/2 conv on x whose
        // only non-zero tap is the bottom-right one, with one zero row and column at the
        // bottom/right of an odd map
        QuantConv2d b = op.shiftedConv();
        String shifted =
            g.node(
                "Conv",
                List.of(x, q.shiftedConvWeights(g, b)),
                OnnxAttribute.ints("kernel_shape", 2, 2),
                OnnxAttribute.ints("strides", 2, 2),
                OnnxAttribute.ints("pads", 0, 0, b.inHeight() % 2, b.inWidth() % 2),
                OnnxAttribute.ints("dilations", 1, 1),
                OnnxAttribute.of("group", 1L));
        String y = concat(q.relu(g, conv(x, op.conv()), op.relu()), q.relu(g, shifted, op.relu()));
        return bn(y, op.bn());
      }
      default -> {
        return bn(q.relu(g, conv(x, op.conv()), op.relu()), op.bn());
      }
    }
  }

  private String conv(String x, QuantConv2d c) {
    int k = c.kernel();
    int p = c.padding();
    return g.node(
        "Conv",
        List.of(x, q.convWeights(g, c)),
        OnnxAttribute.ints("kernel_shape", k, k),
        OnnxAttribute.ints("strides", c.stride(), c.stride()),
        OnnxAttribute.ints("pads", p, p, p, p),
        OnnxAttribute.ints("dilations", 1, 1),
        OnnxAttribute.of("group", 1L));
  }

  private String bn(String x, BatchNorm2d bn) {
    long[] dims = {bn.channels()};
    return g.node(
        "BatchNormalization",
        List.of(
            x,
            g.floats(bn.gamma().name(), dims, bn.gamma().values()),
            g.floats(bn.beta().name(), dims, bn.beta().values()),
            g.floats(bn.runningMean().name(), dims, bn.runningMean().values()),
            g.floats(bn.runningVar().name(), dims, bn.runningVar().values())),
        OnnxAttribute.of("epsilon", BN_EPS),
        OnnxAttribute.of("momentum", 0.9f));
  }

  /** A 3x3 max pool with zero padding, as the network pools (ONNX's MaxPool pads with -inf). */
  private String zeroPaddedPool(String x, int stride) {
    String padded =
        g.node(
            "Pad",
            List.of(x, g.int64s("pool_pads", 0, 0, 1, 1, 0, 0, 1, 1)),
            OnnxAttribute.of("mode", "constant"));
    return maxPool(padded, stride, OnnxAttribute.ints("pads", 0, 0, 0, 0));
  }

  private String maxPool(String x, int stride, OnnxAttribute pads) {
    return g.node(
        "MaxPool",
        List.of(x),
        OnnxAttribute.ints("kernel_shape", 3, 3),
        OnnxAttribute.ints("strides", stride, stride),
        pads);
  }

  private String linear(String x, QuantLinear fc) {
    String b = g.floats(fc.bias().name(), fc.bias().shape().getShape(), fc.bias().values());
    return g.node("Gemm", List.of(x, q.linearWeights(g, fc), b), OnnxAttribute.of("transB", 1L));
  }

  private String add(String a, String b) {
    return g.node("Add", List.of(a, b));
  }

  private String concat(String a, String b) {
    return g.node("Concat", List.of(a, b), OnnxAttribute.of("axis", 1L));
  }
}
