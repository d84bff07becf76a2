package io.nash.nn.child;

import ai.djl.ndarray.NDArray;
import io.nash.space.GroupSpec;
import io.nash.space.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * One group of a derived network: {@code steps} {@link ChildNode}s over the states {@code s0 ..
 * s_steps}; the last state is the group's output. Not thread-safe.
 */
public final class ChildGroup {
  private final GroupLayout layout;
  private final List<ChildNode> nodes;

  ChildGroup(Builder b, GroupLayout layout, List<Node> genotypeNodes) {
    this.layout = layout;
    GroupSpec spec = layout.spec();
    List<ChildNode> ns = new ArrayList<>(spec.steps());
    for (int i = 0; i < spec.steps(); i++) {
      Node n = genotypeNodes == null ? null : genotypeNodes.get(i);
      ns.add(new ChildNode(b, "g" + spec.index() + ".n" + i, layout, i, n));
    }
    this.nodes = List.copyOf(ns);
  }

  NDArray forward(NDArray x, boolean training) {
    NDArray[] states = new NDArray[nodes.size() + 1];
    states[0] = x;
    for (int i = 0; i < nodes.size(); i++) {
      states[i + 1] = nodes.get(i).forward(states, training);
    }
    return states[nodes.size()];
  }

  public GroupSpec spec() {
    return layout.spec();
  }

  public List<ChildNode> nodes() {
    return nodes;
  }

  public int inChannels() {
    return layout.in();
  }

  public int outChannels() {
    return layout.out();
  }

  public int outHeight() {
    return layout.outH();
  }

  public int outWidth() {
    return layout.outW();
  }
}
