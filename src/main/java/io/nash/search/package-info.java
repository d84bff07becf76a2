/**
 * The DJL side of the search engine: the supernet behind the engine's {@code SearchModel} interface
 * ({@code SupernetSearchModel}, built on every JVM by {@code SupernetFactory}), the dataset adapter
 * that provides the two search splits ({@code DatasetSearchData}), and the candidates picked from a
 * final alpha ({@code Candidate}, {@code CandidateEnumerator}). The engine itself is in {@code
 * search.engine}, its interfaces in {@code search.api}.
 *
 * <p>Dependencies: may import {@code data}, {@code nn}, {@code search.api}, {@code search.engine},
 * {@code space} and DJL.
 */
package io.nash.search;
