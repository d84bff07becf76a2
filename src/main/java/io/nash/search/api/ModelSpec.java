package io.nash.search.api;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names a {@link SearchModelFactory} class and its settings: what executors need to build the model
 * themselves. Immutable; settings are kept sorted so the cache key is stable.
 */
public record ModelSpec(String factoryClass, Map<String, String> settings) implements Serializable {
  public ModelSpec {
    if (factoryClass == null || factoryClass.isBlank()) {
      throw new IllegalArgumentException("model factory class = '" + factoryClass + "': required");
    }
    settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
  }

  /** Instantiates the factory and builds a model (on whichever JVM calls it). */
  public SearchModel build() {
    return Factories.instantiate(factoryClass, SearchModelFactory.class, "model factory")
        .create(settings);
  }

  /** Key for the per-JVM model cache: the same factory and settings share one built model. */
  public String cacheKey() {
    return factoryClass + settings;
  }
}
