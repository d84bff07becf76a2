package io.nash.search;

import io.nash.nn.SupernetSpec;
import io.nash.search.api.ArchGradient;
import io.nash.search.api.SearchModel;
import io.nash.search.api.SearchModelFactory;
import io.nash.space.Backbone;
import io.nash.space.NashVersion;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the DJL supernet on each JVM from plain settings: {@code backbone, version, width,
 * channels, size, classes} and optionally {@code threads} (cap on libtorch intra-op threads, 0 =
 * the task's cores), {@code plain=true} (the backbone alone) and {@code arch-gradient} ({@code
 * exact}, the default, or {@code two-path}: {@link ArchGradient}). The engine instantiates it by
 * class name.
 */
public final class SupernetFactory implements SearchModelFactory {

  /** The settings map of a supernet spec (what travels in the engine's ModelSpec). */
  public static Map<String, String> settings(SupernetSpec s, int threads) {
    return settings(s, threads, ArchGradient.EXACT);
  }

  /** The settings map of a supernet spec with the architecture step's gradient mode. */
  public static Map<String, String> settings(
      SupernetSpec s, int threads, ArchGradient archGradient) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("backbone", s.backbone().jsonName());
    m.put("version", s.version().jsonName());
    m.put("width", Integer.toString(s.width()));
    m.put("channels", Integer.toString(s.inChannels()));
    m.put("size", Integer.toString(s.imageSize()));
    m.put("classes", Integer.toString(s.classes()));
    m.put("plain", Boolean.toString(s.plain()));
    m.put("threads", Integer.toString(threads));
    m.put("arch-gradient", archGradient.settingName());
    return m;
  }

  @Override
  public SearchModel create(Map<String, String> s) {
    SupernetSpec spec =
        new SupernetSpec(
            Backbone.fromName(req(s, "backbone")),
            NashVersion.fromName(req(s, "version")),
            Integer.parseInt(s.getOrDefault("width", "16")),
            Integer.parseInt(s.getOrDefault("channels", "3")),
            Integer.parseInt(s.getOrDefault("size", "32")),
            Integer.parseInt(s.getOrDefault("classes", "10")),
            Boolean.parseBoolean(s.getOrDefault("plain", "false")));
    return new SupernetSearchModel(
        spec,
        Integer.parseInt(s.getOrDefault("threads", "0")),
        ArchGradient.fromName(s.getOrDefault("arch-gradient", "exact")));
  }

  private static String req(Map<String, String> s, String key) {
    String v = s.get(key);
    if (v == null) {
      throw new IllegalArgumentException("supernet setting '" + key + "' is required");
    }
    return v;
  }
}
