package io.nash.search.api;

/**
 * Where a task computes: {@code cpu} (device id -1) or {@code gpu} with the device id Spark
 * assigned, and the intra-op threads it may use (the task's cores). Engine-agnostic: the DJL step
 * maps it to {@code Device.cpu()} or {@code Device.gpu(id)} ({@code
 * search.SupernetSearchModel.device}). Immutable.
 */
public record Placement(String device, int deviceId, int threads) implements java.io.Serializable {
  public Placement {
    if (!"cpu".equals(device) && !"gpu".equals(device)) {
      throw new IllegalArgumentException(
          "placement device = '" + device + "': allowed are cpu, gpu");
    }
    if ("gpu".equals(device) ? deviceId < 0 : deviceId != -1) {
      throw new IllegalArgumentException(
          "placement device id = " + deviceId + ": must be >= 0 for gpu, -1 for cpu");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("placement threads = " + threads + ": must be >= 1");
    }
  }

  public static Placement cpu(int threads) {
    return new Placement("cpu", -1, threads);
  }

  public boolean isGpu() {
    return "gpu".equals(device);
  }
}
