package io.nash.nn;

/**
 * What one gradient computation on one batch returns: the mean cross-entropy loss, the number of
 * correct top-1 predictions, the batch size, and flat gradients of the mean loss for the listed
 * tensors. For a weight step the tensors are the ids of the weights the sampled path touched (the
 * others received no gradient and must be left alone by the optimizer); for an architecture step
 * there is one "tensor", the flat alpha (id {@link #ALPHA}). Plain arrays only, so it can cross to
 * a Spark driver. Immutable by convention: the arrays are not copied, callers must not modify them.
 */
public final class StepGradients {
  /** The tensor id used for the flat alpha gradient. */
  public static final int ALPHA = -1;

  private final double loss;
  private final int correct;
  private final int count;
  private final int[] tensors;
  private final float[][] grads;

  public StepGradients(double loss, int correct, int count, int[] tensors, float[][] grads) {
    if (tensors.length != grads.length) {
      throw new IllegalArgumentException(
          tensors.length + " tensor ids but " + grads.length + " gradient arrays");
    }
    this.loss = loss;
    this.correct = correct;
    this.count = count;
    this.tensors = tensors;
    this.grads = grads;
  }

  /** Mean loss over the batch. */
  public double loss() {
    return loss;
  }

  public int correct() {
    return correct;
  }

  public int count() {
    return count;
  }

  /** Tensor ids (weight step) or {@code {ALPHA}} (architecture step). */
  public int[] tensors() {
    return tensors;
  }

  /** Gradients of the mean loss, parallel to {@link #tensors()}. */
  public float[][] grads() {
    return grads;
  }

  /** The alpha gradient of an architecture step. */
  public float[] alphaGrad() {
    if (tensors.length != 1 || tensors[0] != ALPHA) {
      throw new IllegalStateException("not an architecture-step result");
    }
    return grads[0];
  }

  /** Whether the loss and every gradient value are finite. */
  public boolean finite() {
    if (!Double.isFinite(loss)) {
      return false;
    }
    for (float[] g : grads) {
      for (float v : g) {
        if (!Float.isFinite(v)) {
          return false;
        }
      }
    }
    return true;
  }
}
