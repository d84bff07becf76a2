package io.nash.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Bad settings fail with exit code 2 and a message naming key, value and what is allowed, before
 * anything starts.
 */
class CliValidationTest {

  private static String run(Path dir, String... args) {
    // other test classes may share a session in this JVM: no new one may appear
    var before = SparkSession.getDefaultSession();
    CommandLine cl = NashCli.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    assertEquals(2, code, err.toString());
    assertFalse(Files.exists(dir.resolve("store")), "nothing may be written");
    assertEquals(before, SparkSession.getDefaultSession(), "Spark must not start");
    return err.toString();
  }

  @Test
  void theCurveTakesNoTargetFps(@TempDir Path dir) {
    String err =
        run(
            dir,
            "estimate",
            "--curve",
            "--target-fps",
            "100",
            "--out",
            dir.resolve("e").toString());
    assertTrue(err.contains("--curve folds to fit each device: drop --target-fps"), err);
    assertFalse(Files.exists(dir.resolve("e")), "nothing may be written");
  }

  @Test
  void eachKindOfBadValueStopsBeforeSparkStarts(@TempDir Path dir) {
    String store = "file:" + dir.resolve("store");
    assertTrue(
        run(dir, "run", "--store", store, "--set", "nash.search.batch-size=0")
            .contains("nash.search.batch-size = 0: must be in 1..65536"));
    assertTrue(
        run(dir, "run", "--store", store, "--version", "v9")
            .contains("nash.search.version = v9: must be one of v1, v2, v3, v4"));
    assertTrue(
        run(dir, "search", "--store", store, "--width", "wide")
            .contains("nash.search.width = wide: must be an integer"));
    assertTrue(
        run(dir, "run", "--store", store, "--set", "nash.search.train-portion=2")
            .contains("nash.search.train-portion = 2: must be in [0.05, 0.95]"));
    assertTrue(
        run(dir, "run", "--store", store, "--set", "nash.train.baseline=perhaps")
            .contains("nash.train.baseline = perhaps: must be true or false"));
    assertTrue(
        run(dir, "run", "--store", store, "--set", "nash.serach.epochs=3")
            .contains("unknown setting 'nash.serach.epochs'"));
    assertTrue(
        run(dir, "run", "--store", store, "--job", dir.resolve("missing.yaml").toString())
            .contains("missing.yaml"));
    String warm =
        run(
            dir,
            "search",
            "--store",
            store,
            "--data",
            "synthetic",
            "--epochs",
            "2",
            "--warmup-epochs",
            "2");
    assertTrue(
        warm.contains("nash.search.warmup-epochs = 2.0: must be below nash.search.epochs = 2"),
        warm);
  }

  @Test
  void theHelpOfTheSettingsFlagsShowsTheirDefaults() {
    CommandLine cl = NashCli.commandLine();
    String help = cl.getSubcommands().get("search").getUsageMessage(CommandLine.Help.Ansi.OFF);
    String flat = help.replaceAll("\\s+", ""); // help wraps lines anywhere
    assertTrue(flat.contains("Searchepochs.Default:10(nash.search.epochs)."), help);
    assertTrue(flat.contains("Default:0.0(nash.search.warmup-epochs)."), help);
    assertTrue(flat.contains("Default:local[*](nash.spark.master)."), help);
    assertTrue(flat.contains("StoreURI.Default:file:./nash-store(nash.store)."), help);
  }
}
