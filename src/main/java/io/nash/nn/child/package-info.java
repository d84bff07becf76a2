/**
 * The quantized child (final) network of a derived genotype or of the non-NASH baseline: a stem,
 * the backbone's groups with each node keeping one NAS op on one input, a truncating average pool
 * and an integer-weight classifier, every bit width taken from a {@code space.QuantSpec} ({@code
 * ChildNetwork}, {@code ChildConfig}, {@code ChildGroup}, {@code ChildNode}, {@code NasOp}, {@code
 * Stem}). See nash-method.md section 4.
 *
 * <p>Dependencies: may import {@code nn} (runtime settings), {@code nn.quant}, {@code space} and
 * DJL.
 */
package io.nash.nn.child;
