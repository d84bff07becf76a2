package io.nash.search.engine;

import io.nash.config.Settings;
import io.nash.config.SettingsSchema;
import java.util.Objects;

/**
 * Settings of one-shot candidate evaluation: BatchNorm re-estimation on {@code bnBatches} training
 * batches ({@code nash.candidates.bn-batches}, seeded by {@code nash.run.seed}), then loss/accuracy
 * over the first {@code validSamples} validation samples ({@code nash.candidates.valid-samples}, 0
 * = all) in batches of {@code batchSize} ({@code nash.search.batch-size}). Built from a resolved
 * {@link Settings} ({@link #from}) or, for programmatic use, from the schema's defaults ({@link
 * #builder}); each value is checked by its key's schema setting. Immutable.
 */
public final class EvalSettings implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final int bnBatches;
  private final int batchSize;
  private final int validSamples;
  private final long seed;

  private EvalSettings(Builder b) {
    bnBatches = (Integer) SettingsSchema.get("nash.candidates.bn-batches").check(b.bnBatches);
    batchSize = (Integer) SettingsSchema.get("nash.search.batch-size").check(b.batchSize);
    validSamples =
        (Integer) SettingsSchema.get("nash.candidates.valid-samples").check(b.validSamples);
    seed = (Long) SettingsSchema.get("nash.run.seed").check(b.seed);
  }

  /** The evaluation settings of a resolved settings tree. */
  public static EvalSettings from(Settings s) {
    return builder()
        .bnBatches(s.getInt("nash.candidates.bn-batches"))
        .batchSize(s.getInt("nash.search.batch-size"))
        .validSamples(s.getInt("nash.candidates.valid-samples"))
        .seed(s.getLong("nash.run.seed"))
        .build();
  }

  /** A builder holding the schema's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects the values; {@link #build} validates them. Not thread-safe. */
  public static final class Builder {
    private int bnBatches = (Integer) dflt("nash.candidates.bn-batches");
    private int batchSize = (Integer) dflt("nash.search.batch-size");
    private int validSamples = (Integer) dflt("nash.candidates.valid-samples");
    private long seed = (Long) dflt("nash.run.seed");

    private Builder() {}

    private static Object dflt(String key) {
      return SettingsSchema.get(key).defaultValue();
    }

    public Builder bnBatches(int v) {
      bnBatches = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder validSamples(int v) {
      validSamples = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /**
     * The validated settings.
     *
     * @throws IllegalArgumentException naming the key, the value and the allowed range
     */
    public EvalSettings build() {
      return new EvalSettings(this);
    }
  }

  public int bnBatches() {
    return bnBatches;
  }

  public int batchSize() {
    return batchSize;
  }

  public int validSamples() {
    return validSamples;
  }

  public long seed() {
    return seed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EvalSettings e
        && bnBatches == e.bnBatches
        && batchSize == e.batchSize
        && validSamples == e.validSamples
        && seed == e.seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(bnBatches, batchSize, validSamples, seed);
  }

  @Override
  public String toString() {
    return "EvalSettings[bnBatches="
        + bnBatches
        + ", batchSize="
        + batchSize
        + ", validSamples="
        + validSamples
        + ", seed="
        + seed
        + "]";
  }
}
