/**
 * The Spark implementations of the distributed stages: search rounds ({@code SparkRoundEngine},
 * {@code TrainTask}; the weight transport of {@code StateBroadcaster}, {@code WeightPatch} and
 * {@code WeightReplica}; the partition-ordered merge {@code OrderedMerge}), the candidate,
 * retraining and synthesis stages with their executor functions (together implementing {@code
 * search.dist.RoundEngine}, {@code search.dist.CandidateEngine}, {@code train.RetrainEngine} and
 * {@code synth.SynthesisStage}), the per-JVM {@code ExecutorCache}, Kryo registration and
 * serializers, session settings, GPU placement, the Hadoop checkpoint store, {@code Doctor} and the
 * round benchmarks. See architecture.md section 2.
 *
 * <p>Dependencies: may import {@code search}, {@code search.api}, {@code search.dist}, {@code
 * space}, {@code store}, {@code synth}, {@code train}, and Spark, Hadoop, Kryo, DJL and Jackson.
 * Executor functions are small classes with final fields that never capture a driver object.
 */
package io.nash.spark;
