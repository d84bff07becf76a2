package io.nash.space;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the alpha and genotype JSON files of nash-method.md section 3. Readers validate
 * everything (op names, inputs, group and node counts) and name the offending value. Thread-safe.
 */
public final class SpaceJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SpaceJson() {}

  /** The genotype JSON: {@code {"backbone":..,"version":..,"groups":[[[op,input],..],..]}}. */
  public static String genotypeJson(Genotype g) {
    return write(genotypeNode(g));
  }

  /** A genotype JSON, or {@code {"backbone":..,"version":"baseline"}} for the baseline. */
  public static String architectureJson(Architecture a) {
    if (a.isBaseline()) {
      ObjectNode o = MAPPER.createObjectNode();
      o.put("backbone", a.backbone().jsonName());
      o.put("version", "baseline");
      return write(o);
    }
    return genotypeJson(a.genotype().orElseThrow());
  }

  public static ObjectNode genotypeNode(Genotype g) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("backbone", g.backbone().jsonName());
    o.put("version", g.version().jsonName());
    ArrayNode groups = o.putArray("groups");
    for (List<Node> nodes : g.groups()) {
      ArrayNode ga = groups.addArray();
      for (Node n : nodes) {
        ga.addArray().add(n.op().jsonName()).add(n.input());
      }
    }
    return o;
  }

  /** Parses a genotype JSON; errors name the group, node and value that is wrong. */
  public static Genotype parseGenotype(String json) {
    Architecture a = parseArchitecture(json);
    return a.genotype()
        .orElseThrow(() -> new IllegalArgumentException("expected a genotype, got the baseline"));
  }

  /** Parses a genotype JSON or the baseline form. */
  public static Architecture parseArchitecture(String json) {
    JsonNode root = readTree(json);
    Backbone backbone = Backbone.fromName(text(root, "backbone"));
    String version = text(root, "version");
    if ("baseline".equalsIgnoreCase(version)) {
      return Architecture.baseline(backbone);
    }
    NashVersion v = NashVersion.fromName(version);
    JsonNode groups = root.get("groups");
    if (groups == null || !groups.isArray()) {
      throw new IllegalArgumentException("genotype: 'groups' must be an array of groups");
    }
    List<List<Node>> gs = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      JsonNode ga = groups.get(g);
      if (!ga.isArray()) {
        throw new IllegalArgumentException("genotype group " + g + ": must be an array of nodes");
      }
      List<Node> nodes = new ArrayList<>();
      for (int i = 0; i < ga.size(); i++) {
        JsonNode n = ga.get(i);
        if (!n.isArray() || n.size() != 2 || !n.get(0).isTextual() || !n.get(1).isInt()) {
          throw new IllegalArgumentException(
              "genotype group " + g + " node " + i + " = " + n + ": must be [\"op\", input]");
        }
        try {
          nodes.add(Node.of(n.get(0).asText(), n.get(1).asInt()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "genotype group " + g + " node " + i + ": " + e.getMessage(), e);
        }
      }
      gs.add(nodes);
    }
    return Architecture.of(new Genotype(backbone, v, gs));
  }

  /** The alpha JSON with raw values and the version's op names. */
  public static String alphaJson(ArchWeights a) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("backbone", a.backbone().jsonName());
    o.put("version", a.version().jsonName());
    ArrayNode ops = o.putArray("ops");
    a.version().ops().forEach(op -> ops.add(op.jsonName()));
    o.set("groups", MAPPER.valueToTree(a.asLists()));
    return write(o);
  }

  /** Parses an alpha JSON; the op list must equal the version's. */
  public static ArchWeights parseAlpha(String json) {
    JsonNode root = readTree(json);
    Backbone backbone = Backbone.fromName(text(root, "backbone"));
    NashVersion v = NashVersion.fromName(text(root, "version"));
    JsonNode ops = root.get("ops");
    if (ops != null) {
      List<String> names = new ArrayList<>();
      ops.forEach(n -> names.add(n.asText()));
      List<String> want = v.ops().stream().map(Op::jsonName).toList();
      if (!names.equals(want)) {
        throw new IllegalArgumentException("alpha ops = " + names + ": " + v + " needs " + want);
      }
    }
    JsonNode groups = root.get("groups");
    if (groups == null || !groups.isArray()) {
      throw new IllegalArgumentException("alpha: 'groups' must be an array of [edge][op] tables");
    }
    float[][][] t = new float[groups.size()][][];
    for (int g = 0; g < groups.size(); g++) {
      JsonNode ga = groups.get(g);
      t[g] = new float[ga.size()][];
      for (int e = 0; e < ga.size(); e++) {
        JsonNode row = ga.get(e);
        t[g][e] = new float[row.size()];
        for (int k = 0; k < row.size(); k++) {
          if (!row.get(k).isNumber()) {
            throw new IllegalArgumentException(
                "alpha group "
                    + g
                    + " edge "
                    + e
                    + " op "
                    + k
                    + " = "
                    + row.get(k)
                    + ": must be a number");
          }
          t[g][e][k] = (float) row.get(k).asDouble();
        }
      }
    }
    return ArchWeights.of(backbone, v, t);
  }

  /** Reads a genotype file, or {@code v1}..{@code v4} / {@code baseline} for the published ones. */
  public static Architecture readArchitecture(String spec, Backbone backboneForBaseline) {
    String s = spec.trim();
    if (s.equalsIgnoreCase("baseline")) {
      return Architecture.baseline(backboneForBaseline);
    }
    if (s.matches("(?i)v[1-4]")) {
      return Architecture.of(PublishedGenotypes.named(s));
    }
    Path p = Path.of(s);
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(
          "genotype = '" + spec + "': must be v1, v2, v3, v4, baseline or an existing JSON file");
    }
    try {
      return parseArchitecture(Files.readString(p));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read genotype file " + p, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("genotype file " + p + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode root, String key) {
    JsonNode n = root.get(key);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException("missing string field '" + key + "'");
    }
    return n.asText();
  }

  private static JsonNode readTree(String json) {
    try {
      JsonNode n = MAPPER.readTree(json);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("expected a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
    }
  }

  private static String write(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
