package io.nash.space;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackboneTest {

  @Test
  void resnet18GroupPlan() {
    List<GroupSpec> g = Backbone.RESNET18.groups();
    assertEquals(4, g.size());
    for (GroupSpec s : g) {
      assertEquals(2, s.blocks());
      assertEquals(4, s.steps());
      assertEquals(10, s.edges());
      assertTrue(s.projectionShortcut(), "the reference R18 uses a 1x1 shortcut in all groups");
    }
    assertArrayEquals(new int[] {1, 2, 2, 2}, g.stream().mapToInt(GroupSpec::stride).toArray());
    assertTrue(g.get(0).first());
    // width 64: 64 -> 64, 64 -> 128, 128 -> 256, 256 -> 512
    assertArrayEquals(
        new int[] {64, 64, 128, 256}, g.stream().mapToInt(s -> s.inChannels(64)).toArray());
    assertArrayEquals(
        new int[] {64, 128, 256, 512}, g.stream().mapToInt(s -> s.outChannels(64)).toArray());
    assertEquals(40, Backbone.RESNET18.totalEdges());
    assertEquals(16, Backbone.RESNET18.convLayers());
  }

  @Test
  void resnet34GroupPlan() {
    List<GroupSpec> g = Backbone.RESNET34.groups();
    assertArrayEquals(
        new int[] {3, 2, 2, 3, 3, 3}, g.stream().mapToInt(GroupSpec::blocks).toArray());
    assertArrayEquals(
        new int[] {1, 2, 1, 2, 1, 2}, g.stream().mapToInt(GroupSpec::stride).toArray());
    assertArrayEquals(
        new int[] {21, 10, 10, 21, 21, 21}, g.stream().mapToInt(GroupSpec::edges).toArray());
    // stages 3,4,6,3 blocks: channels w, 2w, 2w, 4w, 4w, 8w
    assertArrayEquals(
        new int[] {8, 16, 16, 32, 32, 64}, g.stream().mapToInt(s -> s.outChannels(8)).toArray());
    assertArrayEquals(
        new int[] {8, 8, 16, 16, 32, 32}, g.stream().mapToInt(s -> s.inChannels(8)).toArray());
    // identity shortcuts in the stride-1 groups after the first
    assertArrayEquals(
        new boolean[] {true, true, false, true, false, true},
        new boolean[] {
          g.get(0).projectionShortcut(), g.get(1).projectionShortcut(),
              g.get(2).projectionShortcut(),
          g.get(3).projectionShortcut(), g.get(4).projectionShortcut(),
              g.get(5).projectionShortcut()
        });
    assertEquals(4 * 21 + 2 * 10, Backbone.RESNET34.totalEdges());
    assertArrayEquals(new int[] {3, 4, 6, 3}, Backbone.RESNET34.stageBlocks());
  }

  @Test
  void edgeNumbering() {
    // node 0: edge 0; node 1: edges 1,2; node 2: edges 3,4,5; node 3: 6..9
    assertEquals(0, GroupSpec.edgeIndex(0, 0));
    assertEquals(2, GroupSpec.edgeIndex(1, 1));
    assertEquals(3, GroupSpec.edgeIndex(2, 0));
    assertEquals(9, GroupSpec.edgeIndex(3, 3));
    assertEquals(20, GroupSpec.edgeIndex(5, 5));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GroupSpec.edgeIndex(1, 2));
    assertTrue(e.getMessage().contains("0..1"), e.getMessage());
    GroupSpec s = Backbone.RESNET18.groups().get(1);
    assertEquals(2, s.edgeStride(0));
    assertEquals(1, s.edgeStride(1));
  }

  @Test
  void namesAndErrors() {
    assertEquals(Backbone.RESNET34, Backbone.fromName("ResNet-34"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Backbone.fromName("resnet50"));
    assertTrue(
        e.getMessage().contains("resnet50") && e.getMessage().contains("resnet18, resnet34"));
    assertEquals(Op.CONV_5X5, Op.fromName("conv_5x5"));
    e = assertThrows(IllegalArgumentException.class, () -> Op.fromName("conv_7x7"));
    assertTrue(e.getMessage().contains("conv_7x7") && e.getMessage().contains("skip_connect"));
    e = assertThrows(IllegalArgumentException.class, () -> NashVersion.fromName("v5"));
    assertTrue(e.getMessage().contains("v1, v2, v3, v4"));
  }

  @Test
  void versions() {
    assertEquals(6, NashVersion.V1.ops().size());
    assertEquals(List.of(Op.NONE, Op.CONV_1X1, Op.CONV_3X3, Op.CONV_5X5), NashVersion.V4.ops());
    assertTrue(NashVersion.V2.binarizedBackbone());
    assertFalse(NashVersion.V2.tanhAfterNode());
    assertTrue(NashVersion.V1.tanhAfterNode() && NashVersion.V3.tanhAfterNode());
    List<GroupSpec> g = Backbone.RESNET18.groups();
    assertFalse(NashVersion.V3.usesParseNm(g.get(0)));
    assertTrue(NashVersion.V3.usesParseNm(g.get(1)));
    assertFalse(NashVersion.V1.usesParseNm(g.get(1)));
    assertFalse(NashVersion.V3.usesParseNm(Backbone.RESNET34.groups().get(2)));
    assertThrows(IllegalArgumentException.class, () -> NashVersion.V4.opIndex(Op.SKIP_CONNECT));
  }
}
