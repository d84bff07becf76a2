package io.nash.pareto;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One evaluated design: a unique id, its metric values (the objectives a comparison may use) and
 * free attributes (strings and numbers such as genotype, device, run id) carried to the report.
 * Immutable and thread-safe; maps are defensive, insertion-ordered copies.
 *
 * <p>Objective values may be NaN or infinite here (a failed measurement is still a row); {@link
 * ParetoFront} excludes such points with a reason.
 */
public record ParetoPoint(
    String id, Map<String, Double> objectives, Map<String, Object> attributes) {

  public ParetoPoint {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("ParetoPoint id = '': must be non-blank");
    }
    objectives = copy(objectives, "objectives", id);
    attributes = copy(attributes == null ? Map.of() : attributes, "attributes", id);
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      Object v = e.getValue();
      if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
        throw new IllegalArgumentException(
            "ParetoPoint "
                + id
                + " attribute "
                + e.getKey()
                + " = "
                + v
                + ": must be a string, number or boolean");
      }
    }
  }

  public ParetoPoint(String id, Map<String, Double> objectives) {
    this(id, objectives, Map.of());
  }

  private static <V> Map<String, V> copy(Map<String, V> in, String what, String id) {
    Objects.requireNonNull(in, what);
    Map<String, V> out = new LinkedHashMap<>();
    for (Map.Entry<String, V> e : in.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException(
            "ParetoPoint " + id + " " + what + ": null key or value (" + e + ")");
      }
      out.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(out);
  }

  /** The objective value, or NaN if absent. */
  public double value(String name) {
    Double v = objectives.get(name);
    return v == null ? Double.NaN : v;
  }

  /** The attribute as a string, or {@code fallback} if absent. */
  public String attribute(String name, String fallback) {
    Object v = attributes.get(name);
    return v == null ? fallback : v.toString();
  }
}
