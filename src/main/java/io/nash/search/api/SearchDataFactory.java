package io.nash.search.api;

import java.util.Map;

/**
 * Opens {@link SearchData} on an executor from a dataset spec string (e.g. {@code
 * idx:s3a://bucket/fashion-mnist}) and the Hadoop settings that reach its files. Implementations
 * need a public no-argument constructor: the engine instantiates them by class name on every JVM.
 */
public interface SearchDataFactory {
  SearchData open(String spec, Map<String, String> hadoopSettings);
}
