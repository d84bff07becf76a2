/**
 * Output for people: the self-contained {@code report.html} page with its accuracy-versus-resource
 * SVG plot and front table ({@code ReportPage}), RFC 4180 CSV ({@code Csv}) and console progress
 * lines ({@code Progress}).
 *
 * <p>Dependencies: may import {@code pareto} only; no library, no Spark, no DJL.
 */
package io.nash.report;
