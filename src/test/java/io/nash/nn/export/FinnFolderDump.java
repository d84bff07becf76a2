package io.nash.nn.export;

import io.nash.nn.child.InputShape;
import io.nash.space.Architecture;
import io.nash.space.PublishedGenotypes;
import io.nash.space.QuantSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("dump")
class FinnFolderDump extends DjlManagerTest {
  @Test
  void dump() {
    Path root = Path.of(System.getProperty("dump.dir", "/tmp/finnx"));
    FinnFolders.write(
        manager,
        root.resolve("baseline32"),
        Architecture.baseline(io.nash.space.Backbone.fromName("resnet18")),
        QuantSpec.NASH_PAPER,
        4,
        new InputShape(3, 32, 32),
        10,
        "U250",
        1000,
        1);
    FinnFolders.write(
        manager,
        root.resolve("v4_32"),
        Architecture.of(PublishedGenotypes.V4),
        QuantSpec.NASH_PAPER,
        4,
        new InputShape(3, 32, 32),
        10,
        "U250",
        1000,
        1);
    FinnFolders.write(
        manager,
        root.resolve("v1_32"),
        Architecture.of(PublishedGenotypes.V1),
        QuantSpec.NASH_PAPER,
        4,
        new InputShape(3, 32, 32),
        10,
        "U250",
        1000,
        1);
  }
}
