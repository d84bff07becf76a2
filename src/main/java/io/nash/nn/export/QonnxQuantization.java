package io.nash.nn.export;

import io.nash.hw.onnx.GraphBuilder;
import io.nash.hw.onnx.OnnxAttribute;
import io.nash.nn.quant.Param;
import io.nash.nn.quant.QuantAvgPool;
import io.nash.nn.quant.QuantConv2d;
import io.nash.nn.quant.QuantHardTanh;
import io.nash.nn.quant.QuantLinear;
import io.nash.nn.quant.QuantReLU;
import java.util.List;
import java.util.Map;

/**
 * The QONNX flavour, as Brevitas exports the same layers (finn-reference.md sections 6.1-6.2):
 *
 * <ul>
 *   <li>weights: the float initializer behind {@code Quant(W, scale, 0, b; signed=1, narrow=1,
 *       ROUND)} with a per-output-channel scale (the network's max|W| scale), or {@code
 *       BipolarQuant(W, scale)} at 1 bit (mean|W| scale);
 *   <li>QuantReLU: {@code Relu -> Quant(signed=0, narrow=0)}, scale {@code 10/(2^b-1)};
 *   <li>QuantHardTanh: {@code Quant(signed=1, narrow=1)} with scale {@code 10/(2^(b-1)-1)}. The
 *       network clamps to +-10 first and then rounds on a non-narrow grid, so its integers stay in
 *       [-(2^(b-1)-1), 2^(b-1)-1]; {@code narrow=1} gives exactly that without a Clip node, which
 *       FINN's activation conversion would not accept. At 1 bit: {@code BipolarQuant(x, 10)};
 *   <li>the average pool: {@code AveragePool -> Mul(K) -> Trunc(s_in, 0, acc, b; FLOOR)}, the
 *       pattern FINN turns into QuantAvgPool2d, then {@code Mul(2^shift/K)} to the network's output
 *       scale and {@code Flatten}.
 * </ul>
 *
 * Custom ops use the domain {@code qonnx.custom_op.general}, which QONNX resolves directly
 * (Brevitas's {@code onnx.brevitas} is only accepted through a rewrite). Annotations are what
 * QONNX's InferDataTypes would set: Quant outputs {@code SCALEDINT<b>} (or {@code INTb}/{@code
 * UINTb} at unit scale), BipolarQuant outputs {@code FLOAT32} unless the scale is 1 ({@code
 * BIPOLAR}). Not thread-safe.
 */
final class QonnxQuantization implements Quantization {
  static final String DOMAIN = "qonnx.custom_op.general";

  /**
   * The accelerator reads the normalized image as INT8 with this scale (a range of [-4, 4): the
   * normalized pixels of Fashion-MNIST, CIFAR-10 and ImageNet lie within [-2.2, 2.7]); the host
   * quantizes, FINN's graph starts at the first conv's padding.
   */
  static final float INPUT_SCALE = 1f / 32;

  static final int INPUT_BITS = 8;

  @Override
  public String convWeights(GraphBuilder g, QuantConv2d c) {
    Param w = c.weight();
    long[] dims = w.shape().getShape();
    String wt = g.floats(w.name(), dims, w.values());
    long[] sdims = {dims[0], 1, 1, 1};
    return weightQuant(g, wt, sdims, WeightValues.convScales(c), c.weightBits());
  }

  /**
   * The quantized weights (not the float ones) at the tap, through a {@code Quant} of at least 2
   * bits with the conv's scale: it returns them exactly and keeps the other taps 0 (a {@code
   * BipolarQuant} would make them +1), so 1-bit weights are INT2 {-1, 0, 1}, as FINN stores them.
   */
  @Override
  public String shiftedConvWeights(GraphBuilder g, QuantConv2d c) {
    long[] d = c.weight().shape().getShape();
    String wt =
        g.floats(
            c.weight().name(),
            new long[] {d[0], d[1], 2, 2},
            WeightValues.bottomRightTap(WeightValues.convQuantized(c)));
    float[] scales = WeightValues.convScales(c);
    String scale = g.floats(wt + "_scale", new long[] {d[0], 1, 1, 1}, scales);
    return quant(g, wt, scale, Math.max(2, c.weightBits()), true, true, allOnes(scales));
  }

  @Override
  public String linearWeights(GraphBuilder g, QuantLinear fc) {
    Param w = fc.weight();
    long[] dims = w.shape().getShape();
    String wt = g.floats(w.name(), dims, w.values());
    return weightQuant(
        g, wt, new long[] {dims[0], 1}, WeightValues.linearScales(fc), fc.weightBits());
  }

  private String weightQuant(GraphBuilder g, String w, long[] sdims, float[] scales, int bits) {
    String scale = g.floats(w + "_scale", sdims, scales);
    if (bits == 1) {
      return bipolar(g, w, scale, allOnes(scales));
    }
    return quant(g, w, scale, bits, true, true, allOnes(scales));
  }

  @Override
  public String relu(GraphBuilder g, String x, QuantReLU r) {
    String y = g.node("Relu", List.of(x));
    return quant(g, y, g.scalar(r.name() + ".scale", r.scale()), r.bits(), false, false, false);
  }

  @Override
  public String hardTanh(GraphBuilder g, String x, QuantHardTanh ht) {
    String scale = g.scalar(ht.name() + ".scale", ht.scale());
    if (ht.bits() == 1) {
      return bipolar(g, x, scale, ht.scale() == 1f);
    }
    return quant(g, x, scale, ht.bits(), true, true, ht.scale() == 1f);
  }

  @Override
  public String avgPool(GraphBuilder g, String x, QuantAvgPool p, int h, int w) {
    String avg =
        g.node(
            "AveragePool",
            List.of(x),
            OnnxAttribute.ints("kernel_shape", h, w),
            OnnxAttribute.ints("strides", h, w),
            OnnxAttribute.ints("pads", 0, 0, 0, 0));
    String sum = g.node("Mul", List.of(avg, g.scalar(p.name() + ".window", p.window())));
    String t =
        g.node(
            "Trunc",
            DOMAIN,
            List.of(
                sum,
                g.scalar(p.name() + ".scale", p.inScale()),
                g.scalar(p.name() + ".zeropt", 0f),
                g.scalar(p.name() + ".in_bitwidth", p.accumulatorBits()),
                g.scalar(p.name() + ".out_bitwidth", p.outBits())),
            OnnxAttribute.of("rounding_mode", "FLOOR"));
    // Trunc keeps the input scale; the network's output scale is s_in * 2^shift / K
    float rescale = (float) (Math.pow(2, p.shift()) / p.window());
    String y =
        rescale == 1f ? t : g.node("Mul", List.of(t, g.scalar(p.name() + ".rescale", rescale)));
    return g.node("Flatten", List.of(y), OnnxAttribute.of("axis", 1L));
  }

  @Override
  public long batch() {
    return 1;
  }

  @Override
  public String input(GraphBuilder g, String x) {
    String scale = g.scalar("global_in.scale", INPUT_SCALE);
    return quant(g, x, scale, INPUT_BITS, true, false, false);
  }

  @Override
  public void annotateInput(GraphBuilder g, String input) {
    g.annotate(input, "FLOAT32");
  }

  @Override
  public Map<String, Long> opsets() {
    return Map.of("", ChildGraphWalker.OPSET, DOMAIN, 1L);
  }

  private static String quant(
      GraphBuilder g,
      String x,
      String scale,
      int bits,
      boolean signed,
      boolean narrow,
      boolean unit) {
    String y =
        g.node(
            "Quant",
            DOMAIN,
            List.of(x, scale, g.scalar(x + "_zeropt", 0f), g.scalar(x + "_bitwidth", bits)),
            OnnxAttribute.of("signed", signed ? 1L : 0L),
            OnnxAttribute.of("narrow", narrow ? 1L : 0L),
            OnnxAttribute.of("rounding_mode", "ROUND"));
    g.annotate(y, unit ? (signed ? "INT" : "UINT") + bits : "SCALEDINT<" + bits + ">");
    return y;
  }

  private static String bipolar(GraphBuilder g, String x, String scale, boolean unit) {
    String y = g.node("BipolarQuant", DOMAIN, List.of(x, scale));
    g.annotate(y, unit ? "BIPOLAR" : "FLOAT32");
    return y;
  }

  private static boolean allOnes(float[] v) {
    for (float f : v) {
      if (f != 1f) {
        return false;
      }
    }
    return true;
  }
}
