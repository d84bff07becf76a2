/**
 * The synthesis unit of work in plain Java: for one (candidate, device), lower, fold, estimate,
 * write the FINN build folder, optionally run the real FINN build, and commit the result as one
 * store unit ({@code CandidateSynthesis}); the choice of candidates ({@code CandidateSelection},
 * {@code RunCandidates}), the stage interface with its in-process implementation ({@code
 * SynthesisEngine}, {@code LocalSynthesisEngine}), settings, jobs, outcomes and the {@code
 * synthesis.json} summaries.
 *
 * <p>Dependencies: may import {@code config}, {@code hw}, {@code pareto}, {@code space} and {@code
 * store}, plus Jackson; no Spark, no DJL (the Spark stage is {@code
 * io.nash.spark.SparkSynthesisEngine}).
 */
package io.nash.synth;
