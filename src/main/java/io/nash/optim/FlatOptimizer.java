package io.nash.optim;

/**
 * An {@link UpdateRule} with its state for one flat parameter array: one slot array per rule slot,
 * as long as the parameters, and one step counter for the whole array. The array is updated tensor
 * by tensor ({@code offset}, {@code len}), so tensors without a gradient this step are skipped
 * entirely, as PyTorch skips parameters whose grad is None. Each {@link #update} call advances the
 * step, so a rule that {@link UpdateRule#usesStep uses the step} (Adam) is called once per step
 * over the whole array (the search updates alpha as one dense tensor every round). Not thread-safe
 * (the search driver calls it from one thread).
 */
public final class FlatOptimizer {
  private final UpdateRule rule;
  private final int size;
  private float[][] slots;
  private long step;

  /** A rule's optimizer over {@code size} parameters, its slots at zero. */
  public FlatOptimizer(UpdateRule rule, int size) {
    if (size < 0) {
      throw new IllegalArgumentException("optimizer size = " + size + ": must be >= 0");
    }
    this.rule = rule;
    this.size = size;
    this.slots = new float[rule.slotNames().size()][size];
  }

  /** The update rule. */
  public UpdateRule rule() {
    return rule;
  }

  /**
   * Updates {@code params[offset .. offset+len)} with {@code grad[0 .. len)} at learning rate
   * {@code lr}.
   */
  public void update(float[] params, int offset, float[] grad, int len, double lr) {
    update(params, offset, grad, len, lr, 1);
  }

  /**
   * {@link #update(float[], int, float[], int, double)} with the gradient multiplied by {@code
   * scale} first, rounded to float as a clipped gradient array would be (so it equals clipping into
   * a copy, then updating, without the copy); {@code scale = 1} leaves every value exact.
   */
  public void update(float[] params, int offset, float[] grad, int len, double lr, double scale) {
    if (offset < 0 || len < 0 || offset + len > size || grad.length < len) {
      throw new IllegalArgumentException(
          "update of ["
              + offset
              + ", "
              + (offset + len)
              + ") with "
              + grad.length
              + " gradients: optimizer has "
              + size
              + " params");
    }
    step++;
    rule.apply(params, offset, grad, len, slots, lr, step, scale);
  }

  /**
   * The state for checkpoints, as copies: the slot arrays in {@link UpdateRule#slotNames} order,
   * then, for a rule that uses the step, a one-element array holding the step's low 32 bits as
   * float bits.
   */
  public float[][] state() {
    float[][] out = new float[slots.length + (rule.usesStep() ? 1 : 0)][];
    for (int s = 0; s < slots.length; s++) {
      out[s] = slots[s].clone();
    }
    if (rule.usesStep()) {
      out[slots.length] = new float[] {Float.intBitsToFloat((int) step)};
    }
    return out;
  }

  /** Restores a state from {@link #state()}; every slot must be present with its size. */
  public void restore(float[][] state) {
    int n = slots.length + (rule.usesStep() ? 1 : 0);
    boolean ok = state.length == n && (!rule.usesStep() || state[slots.length].length == 1);
    for (int s = 0; ok && s < slots.length; s++) {
      ok = state[s].length == size;
    }
    if (!ok) {
      throw new IllegalArgumentException(
          rule.getClass().getSimpleName()
              + " state of "
              + state.length
              + " arrays does not match "
              + size
              + " params (need "
              + n
              + " arrays: "
              + String.join(", ", rule.slotNames())
              + (rule.usesStep() ? ", step" : "")
              + ")");
    }
    float[][] next = new float[slots.length][];
    for (int s = 0; s < slots.length; s++) {
      next[s] = state[s].clone();
    }
    slots = next;
    step = rule.usesStep() ? Float.floatToRawIntBits(state[slots.length][0]) : 0;
  }
}
