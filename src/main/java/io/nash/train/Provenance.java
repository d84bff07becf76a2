package io.nash.train;

import ai.djl.engine.Engine;
import io.nash.Version;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a trained artifact came from: code version, Java and OS, DJL and PyTorch versions, and the
 * libtorch thread count (which can change floating-point reduction order). Stateless.
 *
 * <p>Public because {@code pipeline.Runs} records the DJL and PyTorch versions in a run's {@code
 * config.json}, and the pipeline does not use DJL itself.
 */
public final class Provenance {
  private Provenance() {}

  /** The current process's versions, in a fixed key order. */
  public static Map<String, String> current() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("nash", Version.current());
    m.put("java", Runtime.version().toString());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    m.put("djl", Engine.getDjlVersion());
    Engine pt = Engine.getEngine("PyTorch");
    m.put("pytorch", pt.getVersion());
    m.put("torch-threads", Integer.toString(ai.djl.pytorch.jni.JniUtils.getNumThreads()));
    return m;
  }

  /**
   * Sets libtorch's intra-op threads for this JVM when {@code threads > 0}. Process-wide: only
   * callers that own the JVM (the CLI, one training task per executor) should ask for it.
   */
  public static void applyThreads(int threads) {
    if (threads > 0) {
      Engine.getEngine("PyTorch");
      ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
    }
  }
}
