package io.nash.space;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpaceJsonTest {

  @Test
  void publishedGenotypesRoundTrip() {
    for (Genotype g : PublishedGenotypes.all()) {
      String json = SpaceJson.genotypeJson(g);
      assertEquals(g, SpaceJson.parseGenotype(json));
    }
    assertEquals(new Node(Op.MAX_POOL_3X3, 0), PublishedGenotypes.V1.node(0, 0));
    assertEquals(new Node(Op.CONV_5X5, 2), PublishedGenotypes.V3.node(3, 3));
    assertEquals(new Node(Op.CONV_1X1, 2), PublishedGenotypes.V4.node(0, 3));
    assertTrue(SpaceJson.genotypeJson(PublishedGenotypes.V2).contains("\"conv_3x3\", 0"));
  }

  @Test
  void baselineForm() {
    Architecture b = Architecture.baseline(Backbone.RESNET34);
    String json = SpaceJson.architectureJson(b);
    assertEquals(b, SpaceJson.parseArchitecture(json));
    assertEquals("baseline", b.label());
    assertEquals("v2", Architecture.of(PublishedGenotypes.V2).label());
  }

  @Test
  void alphaRoundTripAndSoftmax() {
    ArchWeights a = ArchWeights.init(Backbone.RESNET34, NashVersion.V4, 7);
    assertEquals(104 * 4, a.flat().length);
    ArchWeights back = SpaceJson.parseAlpha(SpaceJson.alphaJson(a));
    assertEquals(a, back);
    assertEquals(a, ArchWeights.fromFlat(Backbone.RESNET34, NashVersion.V4, a.flat()));
    // initial values are 1e-3 * N(0,1): tiny
    for (float v : a.flat()) {
      assertTrue(Math.abs(v) < 0.01f);
    }
    // softmax([0, ln 3]) = [0.25, 0.75]
    double[] p = ArchWeights.softmax(new float[] {0f, (float) Math.log(3)});
    assertEquals(0.25, p[0], 1e-7);
    assertEquals(0.75, p[1], 1e-7);
    assertNotEquals(a, ArchWeights.init(Backbone.RESNET34, NashVersion.V4, 8));
    assertEquals(a, ArchWeights.init(Backbone.RESNET34, NashVersion.V4, 7));
  }

  @Test
  void alphaErrorsNameTheProblem() {
    String bad =
        "{\"backbone\":\"resnet18\",\"version\":\"v4\",\"ops\":[\"none\",\"skip_connect\"],\"groups\":[]}";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SpaceJson.parseAlpha(bad));
    assertTrue(e.getMessage().contains("alpha ops"), e.getMessage());
    String shortGroups = "{\"backbone\":\"resnet18\",\"version\":\"v4\",\"groups\":[[[1,2,3,4]]]}";
    e = assertThrows(IllegalArgumentException.class, () -> SpaceJson.parseAlpha(shortGroups));
    assertTrue(e.getMessage().contains("1 groups: must have 4"), e.getMessage());
  }

  @Test
  void genotypeReaderRejectsBadFiles() {
    String ok = SpaceJson.genotypeJson(PublishedGenotypes.V1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpaceJson.parseGenotype(ok.replaceFirst("max_pool_3x3", "max_pool_7x7")));
    assertTrue(
        e.getMessage().contains("max_pool_7x7") && e.getMessage().contains("group 0 node 0"));
    // node 1 of group 0 reads input 1; make it read 2 (only 0..1 exist)
    String wrongInput = ok.replaceFirst("\"skip_connect\", 1", "\"skip_connect\", 2");
    e = assertThrows(IllegalArgumentException.class, () -> SpaceJson.parseGenotype(wrongInput));
    assertTrue(
        e.getMessage().contains("input = 2") && e.getMessage().contains("0..1"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpaceJson.parseGenotype(ok.replace("resnet18", "resnet34")));
    assertTrue(e.getMessage().contains("4 groups: must have 6"), e.getMessage());
    // V4 has no skip_connect
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpaceJson.parseGenotype(ok.replace("\"v1\"", "\"v4\"")));
    assertTrue(e.getMessage().contains("not a v4 op"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SpaceJson.parseGenotype("{oops"));
    assertTrue(e.getMessage().contains("malformed JSON"));
    String fiveNodes =
        ok.replaceFirst("\\[ \"max_pool_3x3\", 0 \\],", "[\"none\",0],[\"none\",0],");
    e = assertThrows(IllegalArgumentException.class, () -> SpaceJson.parseGenotype(fiveNodes));
    assertTrue(e.getMessage().contains("5 nodes: must have 4"), e.getMessage());
  }

  @Test
  void readArchitectureFromNamesAndFiles(@TempDir Path dir) throws Exception {
    assertEquals(
        PublishedGenotypes.V3,
        SpaceJson.readArchitecture("V3", Backbone.RESNET18).genotype().get());
    assertTrue(SpaceJson.readArchitecture("baseline", Backbone.RESNET34).isBaseline());
    Path f = dir.resolve("g.json");
    Files.writeString(f, SpaceJson.genotypeJson(PublishedGenotypes.V4));
    assertEquals(
        PublishedGenotypes.V4, SpaceJson.readArchitecture(f.toString(), null).genotype().get());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpaceJson.readArchitecture(dir.resolve("missing.json").toString(), null));
    assertTrue(e.getMessage().contains("must be v1, v2, v3, v4, baseline"));
  }
}
