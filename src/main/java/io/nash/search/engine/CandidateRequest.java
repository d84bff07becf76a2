package io.nash.search.engine;

import java.io.Serializable;

/**
 * A candidate as a {@link CandidateEngine} receives it: id, source, genotype JSON (nash-method.md
 * format) and log-probability. Strings rather than a {@code Genotype}, so the form that travels to
 * an executor is the documented file format. Immutable.
 */
public record CandidateRequest(String id, String source, String genotypeJson, double logProb)
    implements Serializable {}
