package io.nash.nn.export;

import io.nash.hw.onnx.GraphBuilder;
import io.nash.hw.onnx.OnnxAttribute;
import io.nash.nn.quant.QuantAvgPool;
import io.nash.nn.quant.QuantConv2d;
import io.nash.nn.quant.QuantHardTanh;
import io.nash.nn.quant.QuantLinear;
import io.nash.nn.quant.QuantReLU;
import io.nash.nn.quant.Quantizers;
import java.util.List;
import java.util.Map;

/**
 * The plain-ONNX flavour: standard opset-11 ops only, so ONNX Runtime runs it.
 *
 * <ul>
 *   <li>weights: the quantized values (scale times integer, or +-mean|W|) as float initializers,
 *       computed by the network's own quantizer;
 *   <li>QuantReLU and QuantHardTanh: the same arithmetic as the DJL forward pass, op for op: {@code
 *       Clip(x, lo, hi) -> Div(s) -> Round -> Clip(minInt, maxInt) -> Mul(s)} (ONNX Round, like
 *       PyTorch's, rounds half to even); a 1-bit HardTanh is {@code Where(x < 0, -10, 10)} after
 *       the clip;
 *   <li>the average pool: the integers {@code Round(x / s_in)} summed exactly ({@code ReduceSum}),
 *       divided by {@code 2^shift}, floored and clamped, times the output scale. This is the pool's
 *       defined integer arithmetic; it equals the DJL pass except where the DJL float sum lands an
 *       ulp below an exact multiple of {@code 2^shift}.
 * </ul>
 *
 * Not thread-safe.
 */
final class FloatQuantization implements Quantization {

  @Override
  public String convWeights(GraphBuilder g, QuantConv2d c) {
    return g.floats(
        c.weight().name(), c.weight().shape().getShape(), WeightValues.convQuantized(c));
  }

  @Override
  public String shiftedConvWeights(GraphBuilder g, QuantConv2d c) {
    long[] d = c.weight().shape().getShape();
    return g.floats(
        c.weight().name(),
        new long[] {d[0], d[1], 2, 2},
        WeightValues.bottomRightTap(WeightValues.convQuantized(c)));
  }

  @Override
  public String linearWeights(GraphBuilder g, QuantLinear fc) {
    return g.floats(
        fc.weight().name(), fc.weight().shape().getShape(), WeightValues.linearQuantized(fc));
  }

  @Override
  public String relu(GraphBuilder g, String x, QuantReLU r) {
    String c = clip(g, x, 0, (float) QuantReLU.MAX);
    return grid(g, c, r.scale(), 0, (float) Quantizers.maxInt(r.bits(), false, false));
  }

  @Override
  public String hardTanh(GraphBuilder g, String x, QuantHardTanh ht) {
    float max = (float) QuantReLU.MAX;
    String c = clip(g, x, -max, max);
    if (ht.bits() == 1) {
      String neg = g.node("Less", List.of(c, g.scalar("zero", 0f)));
      return g.node("Where", List.of(neg, g.scalar("neg_max", -max), g.scalar("max", max)));
    }
    return grid(
        g,
        c,
        ht.scale(),
        (float) Quantizers.minInt(ht.bits(), true, false),
        (float) Quantizers.maxInt(ht.bits(), true, false));
  }

  @Override
  public String avgPool(GraphBuilder g, String x, QuantAvgPool p, int h, int w) {
    String ints =
        g.node("Round", List.of(g.node("Div", List.of(x, g.scalar("pool_in_scale", p.inScale())))));
    String sum =
        g.node(
            "ReduceSum",
            List.of(ints),
            OnnxAttribute.ints("axes", 2, 3),
            OnnxAttribute.of("keepdims", 0L));
    String shifted =
        g.node("Div", List.of(sum, g.scalar("pool_shift", (float) Math.pow(2, p.shift()))));
    String floor = g.node("Floor", List.of(shifted));
    String clamped = clip(g, floor, 0f, (float) (Math.pow(2, p.outBits()) - 1));
    return g.node("Mul", List.of(clamped, g.scalar("pool_out_scale", p.outScale())));
  }

  @Override
  public long batch() {
    return -1;
  }

  @Override
  public String input(GraphBuilder g, String x) {
    return x;
  }

  @Override
  public void annotateInput(GraphBuilder g, String input) {
    // standard ONNX carries no FINN datatypes
  }

  @Override
  public Map<String, Long> opsets() {
    return Map.of("", ChildGraphWalker.OPSET);
  }

  /** {@code s * Clip(Round(x / s), lo, hi)}, as {@link Quantizers#quant} computes it. */
  private static String grid(GraphBuilder g, String x, float s, float lo, float hi) {
    String scale = g.scalar("act_scale", s);
    String q = g.node("Round", List.of(g.node("Div", List.of(x, scale))));
    return g.node("Mul", List.of(clip(g, q, lo, hi), scale));
  }

  private static String clip(GraphBuilder g, String x, float lo, float hi) {
    return g.node("Clip", List.of(x, g.scalar("clip_lo", lo), g.scalar("clip_hi", hi)));
  }
}
