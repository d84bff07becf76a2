package io.nash.space;

import java.util.Objects;

/**
 * One node of a derived genotype: the op kept on the node and the index of the state it reads
 * ({@code 0} = the group input s0, {@code j} = the output of node {@code j-1}).
 */
public record Node(Op op, int input) {
  public Node {
    Objects.requireNonNull(op, "op");
    if (input < 0) {
      throw new IllegalArgumentException("node input = " + input + ": must be >= 0");
    }
  }

  public static Node of(String op, int input) {
    return new Node(Op.fromName(op), input);
  }

  @Override
  public String toString() {
    return "(" + op.jsonName() + "," + input + ")";
  }
}
