package io.nash.space;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The four NASH versions (nash-method.md section 1, "Versions"): the op list, whether backbone
 * convs are binarized, the activation applied after each node, and the genotype parser.
 */
public enum NashVersion {
  V1("v1", Ops.SIX, false, true),
  V2("v2", Ops.SIX, true, false),
  V3("v3", Ops.SIX, false, true),
  V4("v4", Ops.FOUR, false, true);

  private final String jsonName;
  private final List<Op> ops;
  private final boolean binarizedBackbone;
  private final boolean tanhAfterNode;

  NashVersion(String jsonName, List<Op> ops, boolean binarizedBackbone, boolean tanhAfterNode) {
    this.jsonName = jsonName;
    this.ops = ops;
    this.binarizedBackbone = binarizedBackbone;
    this.tanhAfterNode = tanhAfterNode;
  }

  /** Candidate ops in arch-tensor order (the last axis of alpha). */
  public List<Op> ops() {
    return ops;
  }

  /** Index of {@code op} in this version's op list, or an error naming the allowed ops. */
  public int opIndex(Op op) {
    int i = ops.indexOf(op);
    if (i < 0) {
      throw new IllegalArgumentException(
          "op '" + op + "' is not a " + jsonName + " op: allowed are " + ops);
    }
    return i;
  }

  /** V2 binarizes the backbone convs; V1, V3, V4 keep them full precision. */
  public boolean binarizedBackbone() {
    return binarizedBackbone;
  }

  /** V1, V3, V4 apply tanh after each node (as the next layer's input and the stored state). */
  public boolean tanhAfterNode() {
    return tanhAfterNode;
  }

  /**
   * Whether {@code group} is parsed with {@code parse_nm}: V3 uses it for the groups whose first
   * block has stride 2 and {@code parse} elsewhere; the other versions always use {@code parse}.
   */
  public boolean usesParseNm(GroupSpec group) {
    return this == V3 && group.stride() == 2;
  }

  public String jsonName() {
    return jsonName;
  }

  /** Parses {@code v1}..{@code v4} (case-insensitive). */
  public static NashVersion fromName(String name) {
    String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
    for (NashVersion v : values()) {
      if (v.jsonName.equals(n)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "version = '"
            + name
            + "': allowed are "
            + Arrays.stream(values()).map(NashVersion::jsonName).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return jsonName;
  }

  private static final class Ops {
    static final List<Op> SIX =
        List.of(Op.NONE, Op.MAX_POOL_3X3, Op.SKIP_CONNECT, Op.CONV_1X1, Op.CONV_3X3, Op.CONV_5X5);
    static final List<Op> FOUR = List.of(Op.NONE, Op.CONV_1X1, Op.CONV_3X3, Op.CONV_5X5);
  }
}
