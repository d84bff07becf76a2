package io.nash.nn;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The JVM-wide autograd lock. DJL's PyTorch {@code GradientCollector} is process-wide (a second
 * open one throws "A PtGradientCollector is already collecting"), and one JVM may hold a Spark
 * executor's search task and, in local mode, a driver thread retraining another sweep variant.
 * Every forward+backward that records gradients holds this lock. Thread-safe.
 */
public final class Autograd {
  private Autograd() {}

  /** Held around every gradient recording (reentrant). */
  public static final ReentrantLock LOCK = new ReentrantLock();
}
