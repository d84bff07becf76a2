/**
 * Weight transport between the driver and the executors, free of Spark: a weight version as a full
 * copy or as the sparse delta from the previous version ({@code WeightPatch}, only the tensors that
 * changed), and the replica an executor JVM keeps and brings to a requested version by applying
 * deltas, or rebuilding from the newest full base when it is too far behind ({@code
 * WeightReplica}). The Spark side (broadcast handles, which versions to broadcast) is in {@code
 * spark}. See architecture.md section 2.3.
 *
 * <p>Dependencies: may import {@code search.api}; no external library.
 */
package io.nash.transport;
