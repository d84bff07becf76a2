/**
 * Pareto analysis in plain Java: objectives and the dominance they define, Deb's non-dominated
 * sorting with crowding distance, exact hypervolume, and incremental front maintenance ({@code
 * ParetoMerge}) over immutable {@code ParetoPoint}s.
 *
 * <p>Dependencies: a leaf; imports no other {@code io.nash} package and no library. It must stay
 * free of Spark and DJL.
 */
package io.nash.pareto;
