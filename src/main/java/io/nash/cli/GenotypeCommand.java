package io.nash.cli;

import io.nash.space.ArchWeights;
import io.nash.space.GenotypeParser;
import io.nash.space.NashVersion;
import io.nash.space.SpaceJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nash genotype --alpha FILE [--version vN]}: prints the genotype derived from alpha. */
@Command(
    name = "genotype",
    showDefaultValues = true,
    description = "Print the genotype JSON derived from an alpha file (parse / parse_nm rules).")
final class GenotypeCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @Option(names = "--alpha", required = true, description = "alpha JSON file (raw values).")
  Path alpha;

  @Option(
      names = "--version",
      description = "NASH version whose parser to use; default: the version in the alpha file.")
  String version;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(alpha)) {
      throw new IllegalArgumentException("--alpha = " + alpha + ": no such file");
    }
    ArchWeights a;
    try {
      a = SpaceJson.parseAlpha(Files.readString(alpha));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("alpha file " + alpha + ": " + e.getMessage(), e);
    }
    if (version != null) {
      NashVersion v = NashVersion.fromName(version);
      if (v.ops().size() != a.version().ops().size()) {
        throw new IllegalArgumentException(
            "--version = "
                + version
                + ": the alpha file has "
                + a.version().ops().size()
                + " ops per edge ("
                + a.version()
                + "), "
                + v
                + " needs "
                + v.ops().size());
      }
      a = ArchWeights.fromFlat(a.backbone(), v, a.flat());
    }
    System.out.println(SpaceJson.genotypeJson(GenotypeParser.derive(a)));
    return 0;
  }
}
