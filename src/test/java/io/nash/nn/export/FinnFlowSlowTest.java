package io.nash.nn.export;

import ai.djl.ndarray.NDManager;
import io.nash.hw.FinnRunner;
import io.nash.hw.HwReport;
import io.nash.space.ArchWeights;
import io.nash.space.Architecture;
import io.nash.space.Backbone;
import io.nash.space.GenotypeParser;
import io.nash.space.ImageShape;
import io.nash.space.NashVersion;
import io.nash.space.PublishedGenotypes;
import io.nash.space.QuantSpec;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long FINN builds ({@code mvn -Pslow test} with {@code FINN_HOME}): a ResNet34 genotype
 * derived from architecture weights as the search derives it, and a wider network, through FINN's
 * own flow with the same equalities as {@link FinnFlowTest}.
 */
@Tag("finn")
@Tag("slow")
class FinnFlowSlowTest {
  static FinnRunner finn;

  @TempDir static Path root;

  @BeforeAll
  static void locateFinn() {
    String home = System.getenv(FinnRunner.FINN_HOME);
    io.nash.Components.require(
        home != null && !home.isBlank(),
        "FINN_HOME is not set: the finn-tagged tests need a FINN v0.10.1 install");
    finn = FinnRunner.fromFinnHome(home, Duration.ofMinutes(40));
  }

  static void build(String key, Architecture arch, int width, ImageShape in) throws Exception {
    Path dir = root.resolve(key);
    try (NDManager m = NDManager.newBaseManager()) {
      FinnFolders.write(m, dir, arch, QuantSpec.NASH_PAPER, width, in, 10, "U250", 2000, 7);
    }
    long t0 = System.nanoTime();
    HwReport theirs = finn.run(dir);
    double s = (System.nanoTime() - t0) / 1e9;
    HwReport ours = FinnRunner.readReports(dir.resolve("nash-report"));
    FinnFlowTest.check(
        new FinnFlowTest.Build(dir, arch.label() + " " + in + " width " + width, ours, theirs, s));
  }

  /** A V2 ResNet34 genotype derived from seeded initial architecture weights. */
  @Test
  void derivedResNet34Genotype() throws Exception {
    ArchWeights alpha = ArchWeights.init(Backbone.RESNET34, NashVersion.V2, 5);
    build("r34-v2", Architecture.of(GenotypeParser.derive(alpha)), 4, new ImageShape(3, 32, 32));
  }

  /** V1 at width 16: weight tensors 16x those of the default suite's width 4. */
  @Test
  void v1AtWidth16() throws Exception {
    build("v1-w16", Architecture.of(PublishedGenotypes.V1), 16, new ImageShape(3, 32, 32));
  }
}
