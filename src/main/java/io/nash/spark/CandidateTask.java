package io.nash.spark;

import java.io.Serializable;

/**
 * A candidate as it travels to an evaluation task: id, source, genotype JSON (nash-method.md
 * format) and log-probability. Strings rather than a {@code Genotype}, so the wire form is the
 * documented file format. Immutable.
 */
public record CandidateTask(String id, String source, String genotypeJson, double logProb)
    implements Serializable {}
