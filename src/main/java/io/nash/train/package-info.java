/**
 * Retraining and evaluation of quantized child networks: {@code Trainer} (training from scratch
 * with exactly resumable checkpoints), {@code ParamOptimizer} (the {@code optim} rules over the
 * network's tensors, with saveable state), learning-rate schedules, losses, top-k evaluation, the
 * retraining unit of a run ({@code RetrainJob}, {@code CandidateRetraining}, {@code Retraining},
 * {@code RetrainOutcome}), the {@code RetrainEngine} interface that runs a list of such jobs
 * ({@code LocalRetrainEngine} in process; the Spark engine is {@code
 * io.nash.spark.SparkRetrainEngine}) and the provenance a trained artifact records ({@code
 * Provenance}). See nash-method.md section 4.4 and architecture.md sections 1.3 and 4.3.
 *
 * <p>Dependencies: may import {@code io.nash}, {@code config}, {@code data}, {@code nn}, {@code
 * nn.child}, {@code nn.export}, {@code nn.quant}, {@code optim}, {@code report}, {@code space},
 * {@code store}, DJL and Jackson.
 */
package io.nash.train;
