package io.nash.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Cross-entropy with optional label smoothing on DJL arrays, on the gradient path. The target
 * distribution is built in Java and enters as an array: no Java number operand appears in an op the
 * gradient flows through (DJL backs such operands with memory freed before the backward pass, see
 * {@link io.nash.nn.quant.Quantizers#scalar}). Stateless and thread-safe.
 */
final class Losses {
  private Losses() {}

  /**
   * Target distribution, row-major (N, K): {@code (1 - eps)} on the label plus {@code eps / K} on
   * every class (PyTorch's {@code CrossEntropyLoss(label_smoothing=eps)}).
   */
  public static float[] smoothedTargets(int[] labels, int classes, double eps) {
    if (!(eps >= 0 && eps < 1)) {
      throw new IllegalArgumentException(
          "nash.train.label-smoothing = " + eps + ": must be in [0, 1)");
    }
    float[] q = new float[labels.length * classes];
    float off = (float) (eps / classes);
    float on = (float) (1 - eps + eps / classes);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(
            "label = " + labels[i] + ": must be in [0, " + classes + ")");
      }
      for (int k = 0; k < classes; k++) {
        q[i * classes + k] = k == labels[i] ? on : off;
      }
    }
    return q;
  }

  /**
   * Mean over the batch of {@code -sum_k q_k log softmax(logits)_k}, a 0-d array on the logits'
   * manager. Its gradient with respect to the logits is {@code (softmax - q) / N}.
   */
  public static NDArray crossEntropy(NDArray logits, int[] labels, double smoothing) {
    Shape s = logits.getShape();
    int classes = (int) s.get(1);
    if (s.dimension() != 2 || s.get(0) != labels.length) {
      throw new IllegalArgumentException(
          "logits " + s + " for " + labels.length + " labels: must be (N, classes)");
    }
    NDArray q = logits.getManager().create(smoothedTargets(labels, classes, smoothing), s);
    return logits.logSoftmax(1).mul(q).sum(new int[] {1}).mean().neg();
  }
}
