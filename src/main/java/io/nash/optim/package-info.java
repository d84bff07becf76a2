/**
 * The optimizers of the engine, each update rule written once over {@code float[]} arrays: {@code
 * Adam} and {@code SgdMomentum} (settings, validation, the update formula with PyTorch's
 * arithmetic) behind {@code UpdateRule}, and {@code FlatOptimizer}, which keeps a rule's state for
 * one flat parameter array (the search's weights and alpha). The retraining's per-tensor container,
 * {@code train.ParamOptimizer}, applies the same rules.
 *
 * <p>Dependencies: a leaf; imports no other {@code io.nash} package and no library. No Spark, no
 * DJL.
 */
package io.nash.optim;
