package io.nash.spark;

import io.nash.search.api.Placement;
import java.util.Map;

/**
 * Decides where a task computes from what Spark assigned it: the first address of its {@code gpu}
 * resource (Spark resource scheduling: {@code spark.executor.resource.gpu.amount}, {@code
 * spark.task.resource.gpu.amount}, a discovery script) selects {@code gpu:<address>}; without one
 * the task runs on the CPU. Intra-op threads follow the task's cores. Stateless.
 */
final class DevicePlacement {
  private DevicePlacement() {}

  /**
   * @param resources resource name to assigned addresses (TaskContext#resources)
   * @param taskCpus the task's cores ({@code spark.task.cpus})
   */
  public static Placement choose(Map<String, String[]> resources, int taskCpus) {
    int threads = Math.max(1, taskCpus);
    String[] gpus = resources.get("gpu");
    if (gpus == null || gpus.length == 0) {
      return Placement.cpu(threads);
    }
    String addr = gpus[0].trim();
    try {
      return new Placement("gpu", Integer.parseInt(addr), threads);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "gpu resource address = '" + addr + "': must be a device index (0, 1, ...)", e);
    }
  }

  /** The placement of the current Spark task (CPU with one thread outside a task). */
  public static Placement ofCurrentTask() {
    org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
    if (tc == null) {
      return Placement.cpu(1);
    }
    Map<String, String[]> res = new java.util.HashMap<>();
    tc.resourcesJMap().forEach((k, v) -> res.put(k, v.addresses()));
    return choose(res, tc.cpus());
  }
}
