package io.nash.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer over a fixed list of float tensors (the network's trainable parameters in order),
 * updating them in place, with state that can be saved and restored exactly: a step counter and
 * per-tensor slot arrays (Adam's moments, SGD's momentum buffer). DJL's optimizers keep their
 * moments out of reach, so a resumed run could not continue them; these can. Not thread-safe.
 */
public abstract sealed class ParamOptimizer permits Adam, SgdMomentum {
  private final String[] slotNames;
  private final int[] sizes;
  private final float[][][] slots; // [slot][tensor][value]
  private long steps;

  ParamOptimizer(int[] sizes, String... slotNames) {
    this.sizes = sizes.clone();
    this.slotNames = slotNames.clone();
    this.slots = new float[slotNames.length][sizes.length][];
    for (int s = 0; s < slotNames.length; s++) {
      for (int t = 0; t < sizes.length; t++) {
        slots[s][t] = new float[sizes[t]];
      }
    }
  }

  /** Adam or SGD with momentum as {@code s} says, for tensors of the given sizes. */
  public static ParamOptimizer create(TrainSettings s, int[] sizes) {
    return switch (s.optimizer()) {
      case ADAM -> new Adam(sizes, Adam.BETA1, Adam.BETA2, Adam.EPS, s.weightDecay());
      case SGD -> new SgdMomentum(sizes, s.momentum(), s.weightDecay());
    };
  }

  /** Applies one step at learning rate {@code lr}: {@code params.get(i)} moves by grads.get(i). */
  public final void step(List<float[]> params, List<float[]> grads, double lr) {
    if (params.size() != sizes.length || grads.size() != sizes.length) {
      throw new IllegalArgumentException(
          params.size() + " params, " + grads.size() + " grads: optimizer has " + sizes.length);
    }
    steps++;
    for (int t = 0; t < sizes.length; t++) {
      float[] p = params.get(t);
      float[] g = grads.get(t);
      if (p.length != sizes[t] || g.length != sizes[t]) {
        throw new IllegalArgumentException(
            "tensor " + t + ": " + p.length + " values, " + g.length + " grads, need " + sizes[t]);
      }
      update(t, p, g, lr, steps);
    }
  }

  /** Updates tensor {@code t} in place; {@code step} counts from 1. */
  abstract void update(int t, float[] p, float[] g, double lr, long step);

  /** Slot {@code s} of tensor {@code t} (live array). */
  final float[] slot(int s, int t) {
    return slots[s][t];
  }

  /** Steps applied so far. */
  public final long steps() {
    return steps;
  }

  /** Copies of the slot arrays, keyed {@code <slot>.<tensor index>} (e.g. {@code m.3}). */
  public final Map<String, float[]> state() {
    Map<String, float[]> m = new LinkedHashMap<>();
    for (int s = 0; s < slotNames.length; s++) {
      for (int t = 0; t < sizes.length; t++) {
        m.put(slotNames[s] + "." + t, slots[s][t].clone());
      }
    }
    return m;
  }

  /** Restores {@link #state()} and the step count; every slot must be present with its size. */
  public final void restore(Map<String, float[]> state, long stepCount) {
    float[][][] next = new float[slotNames.length][sizes.length][];
    for (int s = 0; s < slotNames.length; s++) {
      for (int t = 0; t < sizes.length; t++) {
        String key = slotNames[s] + "." + t;
        float[] v = state.get(key);
        if (v == null || v.length != sizes[t]) {
          throw new IllegalArgumentException(
              getClass().getSimpleName()
                  + " state "
                  + key
                  + ": "
                  + (v == null ? "missing" : v.length + " values")
                  + ", need "
                  + sizes[t]);
        }
        next[s][t] = v.clone();
      }
    }
    for (int s = 0; s < slotNames.length; s++) {
      System.arraycopy(next[s], 0, slots[s], 0, sizes.length);
    }
    this.steps = stepCount;
  }
}
