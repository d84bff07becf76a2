package io.nash.space;

/**
 * One NASH group of a backbone: 2 or 3 consecutive BasicBlocks with {@code steps = 2 * blocks} NAS
 * nodes (nash-method.md section 1). Channel counts are in units of the width per group {@code w};
 * call {@link #inChannels(int)} and {@link #outChannels(int)} with the width.
 *
 * @param index position of the group in the backbone (0-based)
 * @param stage ResNet stage (0..3); the stage's width is {@code w << stage}
 * @param blocks number of BasicBlocks in the group (2 or 3)
 * @param stride stride of the group's first block (1 or 2)
 * @param first true for the group that follows the stem
 * @param inStage stage whose width feeds the group's input
 */
public record GroupSpec(int index, int stage, int blocks, int stride, boolean first, int inStage) {

  public GroupSpec {
    if (blocks < 1) {
      throw new IllegalArgumentException("group blocks = " + blocks + ": must be >= 1");
    }
    if (stride != 1 && stride != 2) {
      throw new IllegalArgumentException("group stride = " + stride + ": must be 1 or 2");
    }
  }

  /** NAS nodes in the group, one after each conv layer. */
  public int steps() {
    return 2 * blocks;
  }

  /** Edges in the group's cell DAG: {@code steps * (steps + 1) / 2}. */
  public int edges() {
    return edgeCount(steps());
  }

  /** Input channels of the group (the previous stage's width for a stride-2 group). */
  public int inChannels(int width) {
    return width << inStage;
  }

  /** Output channels of every layer and node of the group. */
  public int outChannels(int width) {
    return width << stage;
  }

  /**
   * Whether the first block's shortcut is a 1x1 conv + BN: in the first group and in every stride-2
   * group (identity elsewhere).
   */
  public boolean projectionShortcut() {
    return first || stride == 2;
  }

  /** Stride of the edge from state {@code input} (0 = the group input s0) into any node. */
  public int edgeStride(int input) {
    return input == 0 ? stride : 1;
  }

  /** Edges of a cell with {@code steps} nodes. */
  public static int edgeCount(int steps) {
    return steps * (steps + 1) / 2;
  }

  /**
   * Row of edge {@code (node, input)} in the group's arch table: {@code node(node+1)/2 + input}.
   */
  public static int edgeIndex(int node, int input) {
    if (node < 0 || input < 0 || input > node) {
      throw new IllegalArgumentException(
          "edge (node " + node + ", input " + input + "): input must be in 0.." + node);
    }
    return node * (node + 1) / 2 + input;
  }
}
