package io.nash.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Pins libtorch to one intra-op thread for tests: at the tiny widths tests use, one thread is
 * faster on a shared 2-core machine (Surefire also passes {@code -Dai.djl.pytorch.num_threads=1}).
 * Process-wide, which is acceptable in a test JVM.
 */
public final class TorchThreads {
  private TorchThreads() {}

  public static void single() {
    Engine.getInstance();
    JniUtils.setNumThreads(1);
  }
}
