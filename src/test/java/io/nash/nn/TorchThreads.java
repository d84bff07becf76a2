package io.nash.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Pins libtorch to one intra-op thread for tests. With two threads, libtorch 2.7.1 (CPU, as shipped
 * with DJL 0.36) was seen to return wrong and sometimes NaN input gradients of 4-channel
 * convolutions (the tiny widths tests use), differing from run to run; one thread is exact and also
 * faster on a shared 2-core machine. Process-wide, which is acceptable in a test JVM.
 */
public final class TorchThreads {
  private TorchThreads() {}

  public static void single() {
    Engine.getInstance();
    JniUtils.setNumThreads(1);
  }
}
