package io.nash.space;

import java.util.List;
import java.util.Locale;

/**
 * The four ResNet18 genotypes published with NASH (nash-method.md section 3), as fixtures for the
 * final-network builder, the hardware lowering and the exporter.
 */
public final class PublishedGenotypes {
  private PublishedGenotypes() {}

  public static final Genotype V1 =
      r18(
          NashVersion.V1,
          "max_pool_3x3,0 skip_connect,1 skip_connect,1 skip_connect,1",
          "conv_1x1,0 skip_connect,1 skip_connect,2 max_pool_3x3,2",
          "conv_1x1,0 max_pool_3x3,1 skip_connect,2 max_pool_3x3,1",
          "conv_1x1,0 conv_1x1,0 max_pool_3x3,2 skip_connect,2");

  public static final Genotype V2 =
      r18(
          NashVersion.V2,
          "skip_connect,0 max_pool_3x3,1 max_pool_3x3,1 max_pool_3x3,1",
          "conv_3x3,0 conv_5x5,0 skip_connect,2 max_pool_3x3,2",
          "conv_5x5,0 max_pool_3x3,1 max_pool_3x3,1 max_pool_3x3,1",
          "conv_5x5,0 conv_5x5,1 max_pool_3x3,2 skip_connect,2");

  public static final Genotype V3 =
      r18(
          NashVersion.V3,
          "skip_connect,0 max_pool_3x3,1 max_pool_3x3,1 max_pool_3x3,1",
          "conv_5x5,0 max_pool_3x3,1 skip_connect,2 max_pool_3x3,2",
          "conv_1x1,0 max_pool_3x3,1 max_pool_3x3,1 max_pool_3x3,2",
          "conv_5x5,0 conv_5x5,0 max_pool_3x3,2 conv_5x5,2");

  public static final Genotype V4 =
      r18(
          NashVersion.V4,
          "conv_1x1,0 conv_1x1,1 conv_1x1,0 conv_1x1,2",
          "conv_5x5,0 conv_3x3,0 conv_5x5,0 conv_3x3,0",
          "conv_3x3,0 conv_3x3,0 conv_5x5,0 conv_1x1,2",
          "conv_5x5,0 conv_1x1,0 conv_3x3,1 conv_1x1,0");

  /** All four, in version order. */
  public static List<Genotype> all() {
    return List.of(V1, V2, V3, V4);
  }

  /** The published genotype of {@code version} ({@code v1}..{@code v4}). */
  public static Genotype of(NashVersion version) {
    return all().get(version.ordinal());
  }

  /** {@code v1}..{@code v4}; the error names the allowed values. */
  public static Genotype named(String name) {
    return of(NashVersion.fromName(name.toLowerCase(Locale.ROOT)));
  }

  private static Genotype r18(NashVersion v, String... groups) {
    List<List<Node>> gs =
        java.util.Arrays.stream(groups)
            .map(
                g ->
                    java.util.Arrays.stream(g.split(" "))
                        .map(
                            n -> {
                              String[] p = n.split(",");
                              return Node.of(p[0], Integer.parseInt(p[1]));
                            })
                        .toList())
            .toList();
    return new Genotype(Backbone.RESNET18, v, gs);
  }
}
