package io.nash.train;

import io.nash.optim.Adam;
import io.nash.optim.SgdMomentum;
import io.nash.optim.UpdateRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer over a fixed list of float tensors (the network's trainable parameters in order),
 * updating them in place with an {@link UpdateRule} ({@link Adam} or {@link SgdMomentum}), with
 * state that can be saved and restored exactly: a step counter and per-tensor slot arrays (Adam's
 * moments, SGD's momentum buffer). DJL's optimizers keep their moments out of reach, so a resumed
 * run could not continue them; these can. Not thread-safe.
 */
final class ParamOptimizer {
  private final UpdateRule rule;
  private final String[] slotNames;
  private final int[] sizes;
  private final float[][][] slots; // [tensor][slot][value]
  private long steps;

  /** {@code rule} over tensors of the given sizes, its slots at zero. */
  public ParamOptimizer(UpdateRule rule, int[] sizes) {
    this.rule = rule;
    this.sizes = sizes.clone();
    this.slotNames = rule.slotNames().toArray(new String[0]);
    this.slots = new float[sizes.length][slotNames.length][];
    for (int t = 0; t < sizes.length; t++) {
      for (int s = 0; s < slotNames.length; s++) {
        slots[t][s] = new float[sizes[t]];
      }
    }
  }

  /** Adam or SGD with momentum as {@code s} says, for tensors of the given sizes. */
  public static ParamOptimizer create(TrainSettings s, int[] sizes) {
    UpdateRule rule =
        switch (s.optimizer()) {
          case ADAM -> new Adam(Adam.BETA1, Adam.BETA2, Adam.EPS, s.weightDecay());
          case SGD -> new SgdMomentum(s.momentum(), s.weightDecay());
        };
    return new ParamOptimizer(rule, sizes);
  }

  /** The update rule. */
  public UpdateRule rule() {
    return rule;
  }

  /** Applies one step at learning rate {@code lr}: {@code params.get(i)} moves by grads.get(i). */
  public void step(List<float[]> params, List<float[]> grads, double lr) {
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
      rule.apply(p, 0, g, p.length, slots[t], lr, steps, 1);
    }
  }

  /** Steps applied so far. */
  public long steps() {
    return steps;
  }

  /** Copies of the slot arrays, keyed {@code <slot>.<tensor index>} (e.g. {@code m.3}). */
  public Map<String, float[]> state() {
    Map<String, float[]> m = new LinkedHashMap<>();
    for (int s = 0; s < slotNames.length; s++) {
      for (int t = 0; t < sizes.length; t++) {
        m.put(slotNames[s] + "." + t, slots[t][s].clone());
      }
    }
    return m;
  }

  /** Restores {@link #state()} and the step count; every slot must be present with its size. */
  public void restore(Map<String, float[]> state, long stepCount) {
    float[][][] next = new float[sizes.length][slotNames.length][];
    for (int s = 0; s < slotNames.length; s++) {
      for (int t = 0; t < sizes.length; t++) {
        String key = slotNames[s] + "." + t;
        float[] v = state.get(key);
        if (v == null || v.length != sizes[t]) {
          throw new IllegalArgumentException(
              rule.getClass().getSimpleName()
                  + " state "
                  + key
                  + ": "
                  + (v == null ? "missing" : v.length + " values")
                  + ", need "
                  + sizes[t]);
        }
        next[t][s] = v.clone();
      }
    }
    System.arraycopy(next, 0, slots, 0, sizes.length);
    this.steps = stepCount;
  }
}
