package io.nash.space;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ResNet backbones NASH searches in, with their group plans (nash-method.md section 1).
 * ResNet18: four groups of 2 blocks; ResNet34: groups of 3,2,2,3,3,3 blocks.
 */
public enum Backbone {
  RESNET18(
      "resnet18", new int[] {2, 2, 2, 2}, new int[][] {{0, 2, 1}, {1, 2, 2}, {2, 2, 2}, {3, 2, 2}}),
  RESNET34(
      "resnet34",
      new int[] {3, 4, 6, 3},
      new int[][] {{0, 3, 1}, {1, 2, 2}, {1, 2, 1}, {2, 3, 2}, {2, 3, 1}, {3, 3, 2}});

  private final String jsonName;
  private final int[] stageBlocks;
  private final List<GroupSpec> groups;

  Backbone(String jsonName, int[] stageBlocks, int[][] plan) {
    this.jsonName = jsonName;
    this.stageBlocks = stageBlocks;
    GroupSpec[] g = new GroupSpec[plan.length];
    int prevStage = 0;
    for (int i = 0; i < plan.length; i++) {
      int stage = plan[i][0];
      g[i] = new GroupSpec(i, stage, plan[i][1], plan[i][2], i == 0, i == 0 ? 0 : prevStage);
      prevStage = stage;
    }
    this.groups = List.of(g);
  }

  /** Name used in JSON files and on the command line. */
  public String jsonName() {
    return jsonName;
  }

  /** The groups, in order. */
  public List<GroupSpec> groups() {
    return groups;
  }

  /** BasicBlocks per stage (2,2,2,2 or 3,4,6,3). */
  public int[] stageBlocks() {
    return stageBlocks.clone();
  }

  /** Total conv layers in the groups (two per block). */
  public int convLayers() {
    return 2 * Arrays.stream(stageBlocks).sum();
  }

  /** Total edges over all groups (40 for ResNet18, 4*21 + 2*10 = 104 for ResNet34). */
  public int totalEdges() {
    return groups.stream().mapToInt(GroupSpec::edges).sum();
  }

  /** Parses {@code resnet18} or {@code resnet34} (case-insensitive). */
  public static Backbone fromName(String name) {
    String n = name == null ? "" : name.toLowerCase(Locale.ROOT).replace("-", "");
    for (Backbone b : values()) {
      if (b.jsonName.equals(n)) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        "backbone = '"
            + name
            + "': allowed are "
            + Arrays.stream(values()).map(Backbone::jsonName).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return jsonName;
  }
}
