/**
 * The {@code nash} command line on picocli: one subcommand per pipeline stage or tool ({@code run},
 * {@code demo}, {@code search}, {@code genotype}, {@code train}, {@code evaluate}, {@code export},
 * {@code estimate}, {@code synthesize}, {@code pareto refresh}, {@code sweep}, {@code settings},
 * {@code doctor}) and the job and store options they share. Exit codes: 0 success, 1 failure, 2 bad
 * usage or settings.
 *
 * <p>Dependencies: may import {@code io.nash}, {@code config}, {@code data}, {@code hw}, {@code
 * nn.export}, {@code pareto}, {@code pipeline}, {@code space}, {@code spark}, {@code store}, {@code
 * synth}, {@code train}, picocli and Spark. No other package imports {@code cli}.
 */
package io.nash.cli;
