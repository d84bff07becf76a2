package io.nash.search.api;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names a {@link SearchDataFactory} class, the dataset spec string and the Hadoop settings that
 * reach its files: executors open the data themselves, so samples never pass through the driver.
 * Immutable. {@link #toString()} hides Hadoop setting values (they may hold secrets).
 */
public record DataSpec(String factoryClass, String spec, Map<String, String> hadoopSettings)
    implements Serializable {
  public DataSpec {
    if (factoryClass == null || factoryClass.isBlank()) {
      throw new IllegalArgumentException("data factory class = '" + factoryClass + "': required");
    }
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("dataset spec = '" + spec + "': required");
    }
    hadoopSettings = java.util.Collections.unmodifiableMap(new TreeMap<>(hadoopSettings));
  }

  public SearchData open() {
    return Factories.instantiate(factoryClass, SearchDataFactory.class, "data factory")
        .open(spec, hadoopSettings);
  }

  public String cacheKey() {
    return factoryClass + "|" + spec + "|" + hadoopSettings.hashCode();
  }

  @Override
  public String toString() {
    return "DataSpec["
        + factoryClass
        + ", "
        + spec
        + ", hadoop keys "
        + hadoopSettings.keySet()
        + "]";
  }
}
