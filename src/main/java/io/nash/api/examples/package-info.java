/**
 * Example applications that use only the public API ({@code io.nash.api}); {@code ApiExample} is
 * launched with spark-submit by {@code deploy/smoke-submit.sh}.
 *
 * <p>Dependencies: may import {@code api} and Spark only.
 */
package io.nash.api.examples;
