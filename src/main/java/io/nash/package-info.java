/**
 * NASH on Spark: a distributed neural-architecture-search engine for FPGA accelerators built by the
 * FINN compiler. This package holds only {@code Version} (the engine's name and version for
 * provenance records and {@code --version}); the code lives in the sub-packages, layered as
 * architecture.md section 4 describes: the entry points {@code api} (the public Java API, {@code
 * api.NashSearch}) and {@code cli} at the top, above {@code pipeline}; the plain-Java model of the
 * problem ({@code space}, {@code hw}, {@code pareto}) at the bottom.
 *
 * <p>Dependencies: imports no other {@code io.nash} package and no library; {@code cli}, {@code
 * pipeline}, {@code train} and {@code nn.export} read the version from here.
 */
package io.nash;
