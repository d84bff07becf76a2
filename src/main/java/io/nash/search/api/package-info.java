/**
 * The interfaces and plain values between the search engine and its plug-ins: {@code SearchModel}
 * and {@code SearchData} with their factories (instantiated by class name on every JVM), {@code
 * StepRequest} and {@code StepResult} of one task, the flat weight layout ({@code ParamLayout}),
 * where a task computes ({@code Placement}), the model and data specs, and the candidate evaluator.
 *
 * <p>Dependencies: may import {@code space} only; no Spark, no DJL, so the engine can be driven by
 * a plain-Java test model.
 */
package io.nash.search.api;
