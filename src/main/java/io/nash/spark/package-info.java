/**
 * The Spark implementations of the distributed stages: search rounds ({@code SparkRoundEngine},
 * {@code TrainTask}; the broadcast side of the weight transport, {@code StateBroadcaster}, {@code
 * PatchRef} and {@code PatchChain}, over the {@code transport} package's deltas and replicas; the
 * partition-ordered merge {@code OrderedMerge}), the candidate, retraining and synthesis stages
 * with their executor functions (together implementing {@code search.engine.RoundEngine}, {@code
 * search.engine.CandidateEngine}, {@code train.RetrainEngine} and {@code synth.SynthesisEngine}),
 * the per-JVM {@code ExecutorCache}, Kryo registration and serializers, session settings, GPU
 * placement, the Hadoop checkpoint store and {@code Doctor}. See architecture.md section 2.
 *
 * <p>Dependencies: may import {@code search}, {@code search.api}, {@code search.engine}, {@code
 * space}, {@code store}, {@code synth}, {@code train}, {@code transport}, and Spark, Hadoop, Kryo,
 * DJL, Jackson and Caffeine. Executor functions are small classes with final fields that never
 * capture a driver object.
 */
package io.nash.spark;
