package io.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.config.Settings;
import io.nash.config.SettingsSchema;
import io.nash.synth.SynthesisSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The CLI's defaults are the settings schema's, through one default provider. */
class CliDefaultsTest {

  private static List<CommandLine> all(CommandLine cl) {
    List<CommandLine> out = new ArrayList<>(List.of(cl));
    cl.getSubcommands().values().forEach(c -> out.addAll(all(c)));
    return out;
  }

  @Test
  void everyFlagBoundToASettingHasTheSchemasDefaultAndNoneOfItsOwn() {
    int bound = 0;
    for (CommandLine c : all(NashCli.commandLine())) {
      for (OptionSpec o : c.getCommandSpec().options()) {
        String key = o.descriptionKey();
        if (key == null || !key.startsWith("nash.")) {
          continue;
        }
        bound++;
        assertNull(o.defaultValue(), c.getCommandName() + " " + o.longestName() + " repeats it");
        assertEquals(
            SchemaDefaults.text(SettingsSchema.get(key)),
            o.defaultValueString(),
            c.getCommandName() + " " + o.longestName());
      }
    }
    assertTrue(bound >= 20, bound + " flags bound to settings");
  }

  @Test
  void trainAndSynthesizeWithoutFlagsUseTheSchemaDefaults() {
    CommandLine cl = NashCli.commandLine();
    cl.parseArgs("train", "--run-id", "r");
    TrainCommand t = cl.getSubcommands().get("train").getCommand();
    Settings d = Settings.defaults();
    assertEquals(d.getInt("nash.train.epochs"), t.epochs);
    assertEquals(d.getInt("nash.train.batch-size"), t.batchSize);
    assertEquals(d.getInt("nash.train.width"), t.width);
    assertEquals(d.getDouble("nash.train.lr"), t.lr);
    assertEquals(d.getString("nash.train.optimizer"), t.optimizer);
    assertEquals(d.getString("nash.data.spec"), t.data);
    assertEquals(d.getLong("nash.run.seed"), t.seed);

    cl = NashCli.commandLine();
    cl.parseArgs("synthesize", "--run-id", "r");
    SynthesizeCommand sc = cl.getSubcommands().get("synthesize").getCommand();
    SynthesisSettings s = sc.settings();
    assertEquals(List.of("U250", "ZCU104"), s.devices()); // nash.hw.devices, not U250 alone
    assertEquals(d.getDouble("nash.hw.clock-ns"), s.clockNs());
    assertEquals(d.getInt("nash.train.width"), s.width());
    assertEquals(List.of("estimate_reports"), s.finnOptions().generateOutputs());
    assertEquals(36000, s.finnTimeout().toSeconds());
    assertTrue(s.finnAllowed());
  }

  @Test
  void storeAndSetComeFromOneMixinEach() {
    CommandLine cl = NashCli.commandLine();
    for (String cmd : List.of("run", "search", "demo", "sweep")) {
      CommandLine c = cl.getSubcommands().get(cmd);
      assertNotNull(c.getCommandSpec().findOption("--store"), cmd);
      assertNotNull(c.getCommandSpec().findOption("--hadoop"), cmd);
      assertNotNull(c.getCommandSpec().findOption("--set"), cmd);
      var mixins = c.getCommandSpec().mixins();
      var owner = mixins.containsKey("job") ? mixins.get("job").mixins() : mixins;
      assertTrue(owner.containsKey("storeOptions") && owner.containsKey("set"), cmd + owner);
    }
    // without --store a store-only command uses nash.store's default
    StoreOptions so = new StoreOptions();
    assertEquals(
        new io.nash.store.StoreSpec("file:./nash-store", java.util.Map.of()).uri(),
        so.spec().uri());
  }
}
