package io.nash.hw;

import io.nash.hw.GraphBuilder.Tensor;
import io.nash.space.Architecture;
import io.nash.space.Genotype;
import io.nash.space.GroupSpec;
import io.nash.space.ImageShape;
import io.nash.space.Node;
import io.nash.space.Op;
import io.nash.space.QuantSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lowers a NASH child network (or the baseline ResNet) to the graph of FINN hardware layers that
 * FINN's streamlining and conversion (with the ResNet custom steps) produce. The rules:
 *
 * <ul>
 *   <li>Every conv is FMPadding (pad > 0) + ConvolutionInputGenerator (not for 1x1/1) + MVAU. The
 *       quantized activation after a conv is fused into that MVAU as thresholds; an activation with
 *       no MVAU in front (after an addition, a pool, a fork) is a standalone Thresholding.
 *   <li>Weight widths are the quantization's, as the trained child network has them: the NAS convs
 *       (and the factorized reduce) the NAS width, backbone convs and shortcuts the backbone width
 *       in every version (the binarized backbone of V2/V3 belongs to the search supernet), the stem
 *       and the classifier theirs. Every conv reads a quantized activation, so none is
 *       XNOR-popcount; 1-bit (bipolar) weights are INT2, as FINN's MinimizeWeightBitWidth stores
 *       them.
 *   <li>Node {@code i} of a group sums the backbone conv, the block shortcut (after the block's
 *       second conv) and the NAS op. With more than one addend each operand is quantized to the
 *       residual width (signed HardTanh), summed by a chain of AddStreams and re-quantized to the
 *       activation width (the node's unsigned QuantReLU). With one addend the conv's MVAU produces
 *       the activation directly.
 *   <li>NAS ops: {@code none} vanishes; {@code max_pool_3x3} is FMPadding + depthwise window + Pool
 *       (MaxPool), at stride 2 twice, concatenated (StreamingConcat: FINN's streamlining breaks a
 *       Concat that reads one tensor twice, so the export writes two equal pools); {@code
 *       skip_connect} at stride 1 is a fork of the state; at stride 2 it is the factorized reduce:
 *       two 1x1/2 convs with the NAS weight width whose second reads {@code x[:, :, 1:, 1:]} - FINN
 *       has no crop layer, so that branch is a 2x2/2 window whose only non-zero weight tap is the
 *       bottom-right one (an odd input is padded by one row and column at the bottom/right so both
 *       halves have {@code ceil(H/2)} rows) - each with its QuantReLU fused, then a StreamingConcat
 *       and the operand's Thresholding (the op's BN in front).
 *   <li>A stream read by several layers gets a DuplicateStreams ({@link GraphBuilder}).
 *   <li>Head: a depthwise window over the whole final map + Pool (QuantAvgPool, pool width) and the
 *       classifier MVAU (no activation); its per-class scale and bias and the arg-max stay on the
 *       host, as FINN leaves them outside the dataflow partition.
 *   <li>A strided 1x1 conv on a square map reads a DownSampler instead of a window.
 * </ul>
 *
 * The image is the normalized input quantized to INT8 by the host (the QONNX export's input
 * quantizer). The 1x1 projection shortcuts keep the backbone weight width in every version.
 * Stateless; thread-safe.
 */
public final class Lowering {
  /** Type of the image input stream: the host-quantized normalized image (see the export). */
  public static final DataType IMAGE = DataType.sint(8);

  private final GraphBuilder b;
  private final QuantSpec q;
  private final DspType dsp;
  private final TrainedValues values;
  private final double actScale;
  private final double resScale;

  private Lowering(GraphBuilder b, QuantSpec q, DspType dsp, TrainedValues values) {
    this.b = b;
    this.q = q;
    this.dsp = dsp;
    this.values = values;
    this.actScale = QuantSpec.reluScale(q.activations());
    this.resScale = QuantSpec.hardTanhScale(q.residual());
  }

  /** Lowers with width 64 per group and the input's default {@link Stem}. */
  public static HwGraph lower(
      Architecture arch, QuantSpec q, ImageShape in, int classes, DspType dsp) {
    return lower(arch, q, in, classes, dsp, 64, Stem.forInput(in), TrainedValues.NONE);
  }

  /**
   * Lowers {@code arch}, taking the widths FINN derives from data from {@code values} when it is
   * not {@link TrainedValues#NONE}: every MVAU's weight and accumulator types from its layer's
   * integer weights, and the threshold type of every standalone Thresholding behind a batch norm
   * from that batch norm. Thresholds not behind a batch norm follow from the quantizers' scales
   * alone and are exact either way.
   *
   * @param width channels of the first stage ({@code w}; stages have w, 2w, 4w, 8w)
   * @throws IllegalArgumentException if {@code values} lacks a layer of this architecture
   */
  public static HwGraph lower(
      Architecture arch,
      QuantSpec q,
      ImageShape in,
      int classes,
      DspType dsp,
      int width,
      Stem stem,
      TrainedValues values) {
    if (classes < 2) {
      throw new IllegalArgumentException("classes = " + classes + ": must be >= 2");
    }
    if (width < 2 || width % 2 != 0) {
      throw new IllegalArgumentException("width = " + width + ": must be even and >= 2");
    }
    GraphBuilder b =
        new GraphBuilder(new StreamShape(in.height(), in.width(), in.channels(), IMAGE));
    Lowering l = new Lowering(b, q, dsp, values);
    Tensor x = l.stem(b.input(), stem, width);
    Optional<Genotype> g = arch.genotype();
    // every node ends in a QuantReLU (ChildNode), so states are unsigned in every version
    DataType act = DataType.activation(q.activations(), false);
    for (GroupSpec spec : arch.backbone().groups()) {
      List<Node> nodes = g.map(gt -> gt.groups().get(spec.index())).orElse(null);
      x = l.group(x, spec, width, nodes, act);
    }
    return b.build(l.head(x, classes));
  }

  private Tensor stem(Tensor x, Stem stem, int width) {
    DataType relu = DataType.activation(q.activations(), false);
    Tensor t =
        conv(
            x,
            "stem.conv",
            stem.kernel(),
            stem.stride(),
            width,
            mvauWeights(q.firstLayerWeights()),
            relu);
    return stem.maxPool() ? maxPool(t, 3, 2) : t;
  }

  private Tensor group(Tensor in, GroupSpec g, int width, List<Node> nodes, DataType act) {
    int cin = g.inChannels(width);
    int cout = g.outChannels(width);
    DataType res = DataType.activation(q.residual(), true);
    List<Tensor> s = new ArrayList<>();
    s.add(in);
    for (int i = 0; i < g.steps(); i++) {
      boolean second = i % 2 == 1;
      Node nas = nodes == null ? null : nodes.get(i);
      boolean hasNas = nas != null && nas.op() != Op.NONE;
      int addends = 1 + (second ? 1 : 0) + (hasNas ? 1 : 0);
      DataType convOut = addends == 1 ? act : res;
      int stride = i == 0 ? g.stride() : 1;
      String node = "g" + g.index() + ".n" + i;
      DataType bw = mvauWeights(q.backboneWeights());
      List<Tensor> terms = new ArrayList<>();
      terms.add(conv(s.get(i), node + ".conv", 3, stride, cout, bw, convOut));
      if (second) {
        Tensor blockIn = s.get(i - 1);
        if (i == 1 && g.projectionShortcut()) {
          terms.add(conv(blockIn, node + ".shortcut.conv", 1, g.stride(), cout, bw, res));
        } else {
          terms.add(threshold(blockIn, res, actScale, null));
        }
      }
      if (hasNas) {
        int j = nas.input();
        terms.add(nasOp(node + ".op", nas.op(), s.get(j), g.edgeStride(j), cout, res));
      }
      Tensor sum = terms.get(0);
      for (int t = 1; t < terms.size(); t++) {
        if (t > 1) {
          // the network re-quantizes a residual sum before adding the NAS op (ChildNode)
          sum = threshold(sum, res, resScale, null);
        }
        StreamShape a = sum.shape();
        sum =
            b.add(
                new AddStreams(a.h(), a.w(), a.c(), a.type(), terms.get(t).shape().type(), 1),
                sum,
                terms.get(t));
      }
      s.add(terms.size() > 1 ? threshold(sum, act, resScale, null) : sum);
    }
    return s.get(s.size() - 1);
  }

  private Tensor nasOp(String name, Op op, Tensor x, int stride, int cout, DataType res) {
    int cin = x.shape().c();
    if (op.isConv()) {
      // conv -> QuantReLU (fused into the MVAU) -> BN -> the operand's HardTanh (NasOp)
      DataType relu = DataType.activation(q.activations(), false);
      DataType wt = mvauWeights(q.nasWeights());
      Tensor c = conv(x, name + ".conv", op.kernel(), stride, cout, wt, relu);
      return threshold(c, res, actScale, name + ".bn");
    }
    if (op == Op.MAX_POOL_3X3) {
      Tensor p = maxPool(x, 3, stride);
      if (stride == 2) {
        // concatenated with itself, as two equal pools (the export's form: FINN's streamlining
        // breaks a Concat that reads one tensor twice)
        requireDouble(cin, cout, op);
        StreamShape ps = p.shape();
        p =
            b.add(
                StreamingConcat.of(
                    ps.h(), ps.w(), List.of(cin, cin), List.of(ps.type(), ps.type())),
                p,
                maxPool(x, 3, stride));
      }
      // the pool keeps its input's scale; its BN sits in front of the operand's HardTanh
      return threshold(p, res, actScale, name + ".bn");
    }
    if (op == Op.SKIP_CONNECT) {
      return stride == 1 ? threshold(x, res, actScale, null) : factorizedReduce(name, x, cout, res);
    }
    throw new IllegalArgumentException("op '" + op + "' has no hardware lowering");
  }

  private static void requireDouble(int cin, int cout, Op op) {
    if (2 * cin != cout) {
      throw new IllegalArgumentException(
          op + " at stride 2 needs out = 2 x in channels, got " + cin + " -> " + cout);
    }
  }

  private Tensor factorizedReduce(String name, Tensor x, int cout, DataType res) {
    if (cout % 2 != 0) {
      throw new IllegalArgumentException("factorized reduce needs even out channels, got " + cout);
    }
    // relu(concat(a, b)) is exported as concat(relu(a), relu(b)): each half's QuantReLU fuses
    // into its MVAU, the BN behind the concat goes into the operand's HardTanh
    DataType wt = mvauWeights(q.nasWeights());
    DataType relu = DataType.activation(q.activations(), false);
    Tensor a = windowMvau(x, name + ".conv_a", 1, 2, cout / 2, wt, relu);
    Tensor shifted = x;
    StreamShape s = x.shape();
    if (s.h() % 2 == 1 || s.w() % 2 == 1) {
      shifted =
          b.add(FmPadding.create(s.h(), s.w(), s.c(), 0, 0, s.h() % 2, s.w() % 2, s.type()), x);
    }
    Tensor c = windowMvau(shifted, name + ".conv_b", 2, 2, cout / 2, wt, relu);
    StreamShape sa = a.shape();
    Tensor cat =
        b.add(
            StreamingConcat.of(
                sa.h(),
                sa.w(),
                List.of(sa.c(), c.shape().c()),
                List.of(sa.type(), c.shape().type())),
            a,
            c);
    return threshold(cat, res, actScale, name + ".bn");
  }

  private Tensor head(Tensor x, int classes) {
    StreamShape s = x.shape();
    if (s.h() != s.w()) {
      throw new IllegalArgumentException(
          "final feature map " + s.h() + "x" + s.w() + ": the pool needs a square map");
    }
    Tensor t = x;
    if (s.h() > 1) {
      Swg win = Swg.create(s.h(), s.w(), s.c(), s.h(), s.h(), s.type(), true);
      t = b.add(win, t);
      DataType out = DataType.activation(q.pool(), s.type().signed());
      t = b.add(Pool.create(1, 1, s.c(), s.h(), "QuantAvgPool", s.type(), out), t);
    }
    StreamShape ts = t.shape();
    Mvau fc =
        Mvau.create(
            1,
            1,
            true,
            ts.c(),
            classes,
            ts.type(),
            mvauWeights(q.classifierWeights()),
            true,
            null,
            dsp);
    if (!values.isEmpty()) {
      fc = fc.withWeights(values.weights("fc"));
    }
    // the classifier's per-class scales and bias, and the arg-max, run on the host: a LabelSelect
    // on the accumulators would rank them without the per-class weight scales
    return b.add(fc.graphOutput(), t);
  }

  /** A conv with {@code k/2} zero padding: FMPadding + window + MVAU. */
  private Tensor conv(
      Tensor x, String layer, int k, int stride, int cout, DataType wt, DataType out) {
    StreamShape s = x.shape();
    int pad = k / 2;
    Tensor t = x;
    if (pad > 0) {
      t = b.add(FmPadding.create(s.h(), s.w(), s.c(), pad, pad, pad, pad, s.type()), x);
    }
    return windowMvau(t, layer, k, stride, cout, wt, out);
  }

  /**
   * The weight type of a non-XNOR MVAU with {@code bits}-bit weights after FINN's
   * MinimizeWeightBitWidth: +-1 weights (1 bit, bipolar) become INT2 (FINN sizes for -max - 1 =
   * -2); the inputs are quantized activations, never bipolar, so no MVAU here is XNOR.
   */
  private static DataType mvauWeights(int bits) {
    return bits == 1 ? DataType.sint(2) : DataType.weights(bits);
  }

  /** Window (skipped for 1x1/1) + MVAU on an already padded input. */
  private Tensor windowMvau(
      Tensor x, String layer, int k, int stride, int cout, DataType wt, DataType out) {
    StreamShape s = x.shape();
    Tensor t = x;
    int oh = s.h();
    int ow = s.w();
    if (k == 1 && stride > 1 && s.h() == s.w()) {
      // FINN's InferConvInpGen turns a strided 1x1 window on a square image into a DownSampler
      DownSampler d = DownSampler.create(s.h(), s.c(), stride, s.type());
      t = b.add(d, x);
      oh = d.outDim();
      ow = d.outDim();
    } else if (!(k == 1 && stride == 1)) {
      Swg win = Swg.create(s.h(), s.w(), s.c(), k, stride, s.type(), false);
      t = b.add(win, x);
      oh = win.ofmH();
      ow = win.ofmW();
    }
    Mvau m = Mvau.create(oh, ow, false, k * k * s.c(), cout, s.type(), wt, true, out, dsp);
    if (!values.isEmpty()) {
      m = m.withWeights(values.weights(layer));
    }
    return b.add(m, t);
  }

  /** A max pool with padding {@code k/2}: FMPadding + depthwise window + Pool(MaxPool). */
  private Tensor maxPool(Tensor x, int k, int stride) {
    StreamShape s = x.shape();
    int pad = k / 2;
    Tensor p = b.add(FmPadding.create(s.h(), s.w(), s.c(), pad, pad, pad, pad, s.type()), x);
    StreamShape ps = p.shape();
    Swg win = Swg.create(ps.h(), ps.w(), ps.c(), k, stride, ps.type(), true);
    Tensor w = b.add(win, p);
    return b.add(Pool.create(win.ofmH(), win.ofmW(), s.c(), k, "MaxPool", s.type(), s.type()), w);
  }

  /**
   * A standalone Thresholding to the activation type {@code out} of an input whose integer step is
   * worth {@code inScale}, behind the batch norm {@code bn} (or none). Its threshold type is exact
   * without a batch norm, from the batch norm's trained values with one, and the worst case for a
   * batch norm without trained values.
   */
  private Tensor threshold(Tensor x, DataType out, double inScale, String bn) {
    StreamShape s = x.shape();
    boolean fc = s.h() == 1 && s.w() == 1;
    Thresholding t = Thresholding.create(s.h(), s.w(), fc, s.c(), s.type(), out);
    double outScale =
        out.signed() ? QuantSpec.hardTanhScale(out.bits()) : QuantSpec.reluScale(out.bits());
    if (bn == null) {
      t = t.withThresholds(inScale, outScale, TrainedValues.Affine.identity(s.c()));
    } else if (!values.isEmpty()) {
      t = t.withThresholds(inScale, outScale, values.batchNorm(bn));
    }
    return b.add(t, x);
  }
}
