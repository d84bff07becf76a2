/**
 * The NASH search space in plain Java: candidate ops, backbones and their group plans, the four
 * versions, the architecture weights alpha ({@code ArchWeights}), genotypes and the baseline
 * ({@code Genotype}, {@code Architecture}), the reference's genotype parsers ({@code
 * GenotypeParser}), bit widths per role ({@code QuantSpec}), the published genotypes and the alpha
 * and genotype JSON files ({@code SpaceJson}). It also holds the two values every layer shares:
 * {@code ImageShape}, the (C,H,W) shape of images and network inputs, and {@code Seeds}, the one
 * derivation of every random seed. See nash-method.md sections 1, 3 and 4.3.
 *
 * <p>Dependencies: a leaf; imports no other {@code io.nash} package, only Jackson. It must stay
 * free of Spark and DJL: it is the model of the problem that every other layer shares.
 */
package io.nash.space;
