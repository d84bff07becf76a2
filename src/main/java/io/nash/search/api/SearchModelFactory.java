package io.nash.search.api;

import java.util.Map;

/**
 * Builds a {@link SearchModel} from plain settings (width, backbone, version, ...). Implementations
 * need a public no-argument constructor: the engine instantiates them by class name on every JVM,
 * so no model object is ever shipped.
 */
public interface SearchModelFactory {
  SearchModel create(Map<String, String> settings);
}
