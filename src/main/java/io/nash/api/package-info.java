/**
 * The public Java API, the documented entry point for applications: {@code NashSearch} runs the
 * pipeline's stages on an application's Spark session (or a session of its own) and returns typed
 * results read from the store's committed files ({@code SearchResult}, {@code Candidate}, {@code
 * Retrained}, {@code HardwareResult}, {@code Front}), the same files the CLI and the report read.
 * See the README section "Java API" and architecture.md section 4.
 *
 * <p>Dependencies: may import {@code config}, {@code pareto}, {@code pipeline}, {@code space},
 * {@code spark}, {@code store}, Spark and Jackson. Nothing in {@code io.nash} imports it but {@code
 * api.examples}.
 */
package io.nash.api;
