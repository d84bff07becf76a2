package io.nash.pipeline;

/**
 * One stage of the pipeline (architecture.md): it reads its inputs from the store and writes its
 * outputs there, so it can be rerun or resumed alone. Implementations are stateless.
 */
public interface Stage {
  /** Short name: search, candidates, retrain, synthesis, pareto. */
  String name();

  /** True when every output of this stage for the run is committed in the store. */
  boolean isComplete(RunContext ctx);

  /** Runs the stage; it must commit its outputs atomically (a failure leaves none visible). */
  void run(RunContext ctx) throws Exception;
}
