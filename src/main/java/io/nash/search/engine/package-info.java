/**
 * The engine-agnostic distributed search: {@code SearchDriver} runs rounds through a {@code
 * RoundEngine} ({@code LocalRoundEngine} in process; the Spark engine is in {@code io.nash.spark}),
 * averages the task sums ({@code GradientSum}) and applies SGD with momentum to the weights and
 * Adam to alpha (the rules of {@code optim}). Candidates are evaluated one-shot through a {@code
 * CandidateEngine} ({@code LocalCandidateEngine} in process, {@code
 * io.nash.spark.SparkCandidateEngine} on a cluster; both run {@code CandidateRunner} per
 * candidate), which takes {@code CandidateRequest}s and returns {@code CandidateRow}s. The package
 * also holds the search state and the checkpoint interface, the search and evaluation settings
 * (built from {@code config.SettingsSchema}, architecture.md section 4.4), schedules, batch plans
 * and path sampling; its seeds come from {@code space.Seeds}. See architecture.md sections 1.2, 2.2
 * and 4.3.
 *
 * <p>Dependencies: may import {@code config}, {@code optim}, {@code search.api} and {@code space};
 * no Spark, no DJL.
 */
package io.nash.search.engine;
