package io.nash.hw.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/** Test helper: runs an ONNX model with one float input and one float output in ONNX Runtime. */
public final class OrtRunner {
  private OrtRunner() {}

  /** Output of the model's first output, flattened, for {@code input} of {@code shape}. */
  public static float[] run(byte[] model, float[] input, long... shape) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
      // one thread: the machine is shared, and results must not depend on thread count
      opts.setIntraOpNumThreads(1);
      opts.setInterOpNumThreads(1);
      try (OrtSession session = env.createSession(model, opts)) {
        String in = session.getInputNames().iterator().next();
        try (ai.onnxruntime.OnnxTensor x =
                ai.onnxruntime.OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
            OrtSession.Result r = session.run(Map.of(in, x))) {
          ai.onnxruntime.OnnxTensor y = (ai.onnxruntime.OnnxTensor) r.get(0);
          FloatBuffer fb = y.getFloatBuffer();
          float[] out = new float[fb.remaining()];
          fb.get(out);
          return out;
        }
      }
    }
  }

  /** Largest absolute element-wise difference. */
  public static double maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths " + a.length + " vs " + b.length);
    }
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs((double) a[i] - b[i]));
    }
    return m;
  }
}
