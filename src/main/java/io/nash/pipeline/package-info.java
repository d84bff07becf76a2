/**
 * Driver-side orchestration of a run: the five stages ({@code SearchStage}, {@code
 * CandidatesStage}, {@code RetrainStage}, {@code SynthesisStage}, {@code ParetoStage}) behind the
 * {@code Stage} interface, the {@code Pipeline} with resume, run wiring and provenance ({@code
 * Runs}, {@code RunContext}, {@code SearchJob}), sweeps ({@code SweepSpec}, {@code SweepRunner}),
 * the synthesis driver, and the Pareto refresh with its write-once front versions. See
 * architecture.md sections 1 and 3.
 *
 * <p>Dependencies: may import {@code io.nash}, {@code config}, {@code data}, {@code hw}, {@code
 * nn}, {@code pareto}, {@code report}, {@code search}, {@code search.api}, {@code search.engine},
 * {@code space}, {@code spark}, {@code store}, {@code synth}, {@code train}, Spark and Jackson.
 * Only {@code cli} and {@code api} import it.
 */
package io.nash.pipeline;
