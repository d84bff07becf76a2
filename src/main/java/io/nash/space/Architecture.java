package io.nash.space;

import java.util.Objects;
import java.util.Optional;

/**
 * What a child network or a hardware design is built from: a backbone plus either a NASH genotype
 * or nothing (the non-NASH baseline, the same ResNet without NAS ops). Immutable.
 */
public record Architecture(Backbone backbone, Optional<Genotype> genotype) {

  public Architecture {
    Objects.requireNonNull(backbone, "backbone");
    Objects.requireNonNull(genotype, "genotype");
    genotype.ifPresent(
        g -> {
          if (g.backbone() != backbone) {
            throw new IllegalArgumentException(
                "genotype backbone " + g.backbone() + " does not match " + backbone);
          }
        });
  }

  public static Architecture of(Genotype genotype) {
    return new Architecture(genotype.backbone(), Optional.of(genotype));
  }

  public static Architecture baseline(Backbone backbone) {
    return new Architecture(backbone, Optional.empty());
  }

  public boolean isBaseline() {
    return genotype.isEmpty();
  }

  /** {@code v1}..{@code v4}, or {@code baseline}. */
  public String label() {
    return genotype.map(g -> g.version().jsonName()).orElse("baseline");
  }

  @Override
  public String toString() {
    return genotype.map(Genotype::toString).orElse(backbone + " baseline");
  }
}
