package io.nash.space;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The architecture parameters alpha of a search: for each group, a table of raw (pre-softmax)
 * values {@code [edge][op]} (nash-method.md sections 2 and 3). Immutable; accessors return copies.
 * The flat form (all groups concatenated, row-major) is what crosses to executors.
 */
public final class ArchWeights {
  private final Backbone backbone;
  private final NashVersion version;
  private final float[][] groups; // groups[g][edge * ops + op]

  private ArchWeights(Backbone backbone, NashVersion version, float[][] groups) {
    this.backbone = Objects.requireNonNull(backbone, "backbone");
    this.version = Objects.requireNonNull(version, "version");
    List<GroupSpec> specs = backbone.groups();
    if (groups.length != specs.size()) {
      throw new IllegalArgumentException(
          backbone + " alpha has " + groups.length + " groups: must have " + specs.size());
    }
    int ops = version.ops().size();
    this.groups = new float[groups.length][];
    for (int g = 0; g < groups.length; g++) {
      int want = specs.get(g).edges() * ops;
      if (groups[g].length != want) {
        throw new IllegalArgumentException(
            "alpha group "
                + g
                + " has "
                + groups[g].length
                + " values: must have "
                + specs.get(g).edges()
                + " edges x "
                + ops
                + " ops = "
                + want);
      }
      for (float v : groups[g]) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException(
              "alpha group " + g + " holds " + v + ": must be finite");
        }
      }
      this.groups[g] = groups[g].clone();
    }
  }

  /** From per-group tables {@code [g][edge][op]}. */
  public static ArchWeights of(Backbone backbone, NashVersion version, float[][][] tables) {
    float[][] flat = new float[tables.length][];
    int ops = version.ops().size();
    for (int g = 0; g < tables.length; g++) {
      flat[g] = new float[tables[g].length * ops];
      for (int e = 0; e < tables[g].length; e++) {
        if (tables[g][e].length != ops) {
          throw new IllegalArgumentException(
              "alpha group "
                  + g
                  + " edge "
                  + e
                  + " has "
                  + tables[g][e].length
                  + " values: must have "
                  + ops
                  + " ("
                  + version.ops()
                  + ")");
        }
        System.arraycopy(tables[g][e], 0, flat[g], e * ops, ops);
      }
    }
    return new ArchWeights(backbone, version, flat);
  }

  /** From the flat form produced by {@link #flat()}. */
  public static ArchWeights fromFlat(Backbone backbone, NashVersion version, float[] flat) {
    int ops = version.ops().size();
    int want = backbone.totalEdges() * ops;
    if (flat.length != want) {
      throw new IllegalArgumentException(
          "flat alpha has "
              + flat.length
              + " values: "
              + backbone
              + "/"
              + version
              + " needs "
              + want);
    }
    float[][] groups = new float[backbone.groups().size()][];
    int off = 0;
    for (GroupSpec s : backbone.groups()) {
      groups[s.index()] = new float[s.edges() * ops];
      System.arraycopy(flat, off, groups[s.index()], 0, groups[s.index()].length);
      off += groups[s.index()].length;
    }
    return new ArchWeights(backbone, version, groups);
  }

  /** The reference initialisation: {@code 1e-3 * N(0, 1)} from the given seed. */
  public static ArchWeights init(Backbone backbone, NashVersion version, long seed) {
    Random rnd = new Random(seed);
    float[] flat = new float[backbone.totalEdges() * version.ops().size()];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = (float) (1e-3 * rnd.nextGaussian());
    }
    return fromFlat(backbone, version, flat);
  }

  public Backbone backbone() {
    return backbone;
  }

  public NashVersion version() {
    return version;
  }

  public int opCount() {
    return version.ops().size();
  }

  /** Raw value of op {@code op} on edge {@code edge} of group {@code group}. */
  public float get(int group, int edge, int op) {
    return groups[group][edge * opCount() + op];
  }

  /** A copy of group {@code g}'s raw table as {@code [edge][op]}. */
  public float[][] table(int g) {
    int ops = opCount();
    float[][] t = new float[groups[g].length / ops][ops];
    for (int e = 0; e < t.length; e++) {
      System.arraycopy(groups[g], e * ops, t[e], 0, ops);
    }
    return t;
  }

  /** softmax over each edge's ops of group {@code g}, as {@code [edge][op]} in double. */
  public double[][] probabilities(int g) {
    float[][] t = table(g);
    double[][] p = new double[t.length][];
    for (int e = 0; e < t.length; e++) {
      p[e] = softmax(t[e]);
    }
    return p;
  }

  /** All groups concatenated, row-major; a copy. */
  public float[] flat() {
    int n = 0;
    for (float[] g : groups) {
      n += g.length;
    }
    float[] out = new float[n];
    int off = 0;
    for (float[] g : groups) {
      System.arraycopy(g, 0, out, off, g.length);
      off += g.length;
    }
    return out;
  }

  /** Numerically stable softmax (max subtracted) in double precision. */
  public static double[] softmax(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** Per-group tables as nested lists, the shape of the alpha JSON's {@code groups}. */
  List<List<List<Float>>> asLists() {
    List<List<List<Float>>> out = new ArrayList<>();
    for (int g = 0; g < groups.length; g++) {
      List<List<Float>> edges = new ArrayList<>();
      for (float[] row : table(g)) {
        List<Float> r = new ArrayList<>(row.length);
        for (float v : row) {
          r.add(v);
        }
        edges.add(r);
      }
      out.add(edges);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArchWeights a
        && a.backbone == backbone
        && a.version == version
        && java.util.Arrays.deepEquals(a.groups, groups);
  }

  @Override
  public int hashCode() {
    return Objects.hash(backbone, version, java.util.Arrays.deepHashCode(groups));
  }

  @Override
  public String toString() {
    return "ArchWeights[" + backbone + "/" + version + ", " + flat().length + " values]";
  }
}
