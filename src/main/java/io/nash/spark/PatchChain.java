package io.nash.spark;

import io.nash.transport.WeightPatch;
import io.nash.transport.WeightReplica;

/**
 * The handles ({@link PatchRef}: broadcasts, or in local mode the driver's objects) a training task
 * needs to obtain the weights of one version: the newest full base and the deltas of the last few
 * versions. Shipped in the task closure (a handle is a few bytes); an executor reads a broadcast's
 * blocks only when it calls {@code value()}, so a current executor fetches the newest delta alone,
 * and only a fresh or stale one fetches the base. Built by {@link StateBroadcaster}; immutable.
 */
final class PatchChain implements WeightReplica.Source, java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final String lineage;
  private final long target;
  private final long baseVersion;
  private final PatchRef base;
  private final long firstDelta;
  private final PatchRef[] deltas;

  /**
   * @param deltas the deltas of versions {@code firstDelta .. target}, in order
   */
  PatchChain(
      String lineage,
      long target,
      long baseVersion,
      PatchRef base,
      long firstDelta,
      PatchRef[] deltas) {
    if (baseVersion > target
        || firstDelta + deltas.length != target + 1
        || firstDelta > baseVersion + 1) {
      throw new IllegalArgumentException(
          "patch chain base "
              + baseVersion
              + ", deltas from "
              + firstDelta
              + " x "
              + deltas.length
              + ": must reach target "
              + target
              + " from the base");
    }
    this.lineage = lineage;
    this.target = target;
    this.baseVersion = baseVersion;
    this.base = base;
    this.firstDelta = firstDelta;
    this.deltas = deltas.clone();
  }

  @Override
  public String lineage() {
    return lineage;
  }

  @Override
  public long target() {
    return target;
  }

  @Override
  public long baseVersion() {
    return baseVersion;
  }

  @Override
  public WeightPatch base() {
    return base.value();
  }

  @Override
  public long oldestReachable() {
    return firstDelta - 1;
  }

  @Override
  public WeightPatch delta(long v) {
    if (v < firstDelta || v > target) {
      throw new IllegalArgumentException(
          "delta of version " + v + ": this chain holds " + firstDelta + " .. " + target);
    }
    return deltas[(int) (v - firstDelta)].value();
  }

  /**
   * This chain with its newest delta taken from {@code newest} (pushed with the task) instead of
   * its broadcast, so an up-to-date executor fetches no broadcast at all ({@link
   * WeightReplica#withNewest}). {@code null}: this chain itself.
   */
  public WeightReplica.Source withNewest(WeightPatch newest) {
    return WeightReplica.withNewest(this, newest);
  }
}
