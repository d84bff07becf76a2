package io.nash.nn.child;

import io.nash.nn.quant.Param;
import io.nash.nn.quant.QuantConv2d;
import io.nash.nn.quant.QuantLayer;
import io.nash.nn.quant.QuantLinear;
import java.util.List;

/**
 * Size figures of a child network. Immutable.
 *
 * @param parameters trainable values (conv and linear weights, linear bias, BN gamma and beta)
 * @param macs multiply-accumulates per image in convs and the classifier
 * @param weightBits sum over conv and linear weights of count times bit width (biases and BN, which
 *     fold into thresholds in hardware, are not counted)
 * @param nasParameters the part of {@code parameters} in NAS-op convs
 */
public record NetworkStats(long parameters, long macs, long weightBits, long nasParameters) {

  static NetworkStats of(List<QuantLayer> layers) {
    long params = 0;
    long macs = 0;
    long bits = 0;
    long nas = 0;
    for (QuantLayer l : layers) {
      for (Param p : l.params()) {
        if (p.trainable()) {
          params += p.array().size();
        }
      }
      if (l instanceof QuantConv2d c) {
        macs += c.macs();
        bits += c.weightCount() * c.weightBits();
        if (c.role() == QuantConv2d.Role.NAS) {
          nas += c.weightCount();
        }
      } else if (l instanceof QuantLinear f) {
        macs += f.macs();
        bits += f.macs() * f.weightBits();
      }
    }
    return new NetworkStats(params, macs, bits, nas);
  }

  @Override
  public String toString() {
    return String.format(
        "%,d parameters (%,d in NAS convs), %,d MACs/image, %,d weight bits",
        parameters, nasParameters, macs, weightBits);
  }
}
