package io.nash.spark;

import ai.djl.Device;
import io.nash.search.api.Placement;

/** Maps an engine-agnostic {@link Placement} to a DJL {@link Device}. Stateless. */
public final class DjlDevices {
  private DjlDevices() {}

  public static Device device(Placement p) {
    return p.isGpu() ? Device.gpu(p.deviceId()) : Device.cpu();
  }
}
