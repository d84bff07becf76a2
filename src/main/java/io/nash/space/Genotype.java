package io.nash.space;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A derived NASH architecture: for every group of the backbone, one {@link Node} per step
 * (nash-method.md section 3). Immutable and validated at construction: the group and node counts
 * must match the backbone, every op must belong to the version's op list, and node {@code i} may
 * only read states {@code 0..i}.
 */
public record Genotype(Backbone backbone, NashVersion version, List<List<Node>> groups) {

  public Genotype {
    Objects.requireNonNull(backbone, "backbone");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(groups, "groups");
    List<GroupSpec> specs = backbone.groups();
    if (groups.size() != specs.size()) {
      throw new IllegalArgumentException(
          backbone + " genotype has " + groups.size() + " groups: must have " + specs.size());
    }
    List<List<Node>> copy = new ArrayList<>(groups.size());
    for (int g = 0; g < groups.size(); g++) {
      List<Node> nodes = List.copyOf(groups.get(g));
      int steps = specs.get(g).steps();
      if (nodes.size() != steps) {
        throw new IllegalArgumentException(
            backbone + " group " + g + " has " + nodes.size() + " nodes: must have " + steps);
      }
      for (int i = 0; i < nodes.size(); i++) {
        Node n = nodes.get(i);
        if (!version.ops().contains(n.op())) {
          throw new IllegalArgumentException(
              "group "
                  + g
                  + " node "
                  + i
                  + ": op '"
                  + n.op()
                  + "' is not a "
                  + version
                  + " op; allowed are "
                  + version.ops());
        }
        if (n.input() > i) {
          throw new IllegalArgumentException(
              "group "
                  + g
                  + " node "
                  + i
                  + ": input = "
                  + n.input()
                  + " cannot feed this node; allowed inputs are 0.."
                  + i);
        }
      }
      copy.add(nodes);
    }
    groups = List.copyOf(copy);
  }

  /** Node {@code node} of group {@code group}. */
  public Node node(int group, int node) {
    return groups.get(group).get(node);
  }

  /** Compact one-line form, e.g. {@code v1 g0[(max_pool_3x3,0),...] g1[...]}. */
  public String compact() {
    StringBuilder sb = new StringBuilder(version.jsonName());
    for (int g = 0; g < groups.size(); g++) {
      sb.append(" g").append(g).append(groups.get(g).toString().replace(" ", ""));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return backbone + " " + compact();
  }
}
