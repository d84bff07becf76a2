/**
 * The {@code nash} command line on picocli: one subcommand per pipeline stage or tool ({@code run},
 * {@code demo}, {@code search}, {@code genotype}, {@code train}, {@code evaluate}, {@code export},
 * {@code estimate}, {@code synthesize}, {@code pareto refresh}, {@code sweep}, {@code settings},
 * {@code devices}, {@code doctor}), the job, store and {@code --set} options they share, and the
 * default provider that gives every flag bound to a setting the schema's default. Exit codes: 0
 * success, 1 failure, 2 bad usage or settings.
 *
 * <p>Dependencies: may import {@code io.nash}, {@code config}, {@code data}, {@code hw}, {@code
 * nn.export}, {@code pareto}, {@code pipeline}, {@code space}, {@code spark}, {@code store}, {@code
 * synth}, {@code train}, picocli, Spark and Jackson. No other package imports {@code cli}.
 */
package io.nash.cli;
