/**
 * The engine-agnostic distributed search: {@code SearchDriver} runs rounds through a {@code
 * RoundEngine} ({@code LocalRoundEngine} in process; the Spark engine is in {@code io.nash.spark}),
 * averages the task sums ({@code GradientSum}) and applies SGD with momentum to the weights and
 * Adam to alpha (the rules of {@code optim}). The package also holds the search state and the
 * checkpoint interface, the search settings, schedules, batch plans, path sampling and the
 * candidate rows; its seeds come from {@code space.Seeds}. See architecture.md section 2.2.
 *
 * <p>Dependencies: may import {@code optim}, {@code search.api} and {@code space}; no Spark, no
 * DJL.
 */
package io.nash.search.dist;
