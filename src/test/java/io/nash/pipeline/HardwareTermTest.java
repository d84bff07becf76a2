package io.nash.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.config.Settings;
import io.nash.config.SettingsSchema;
import io.nash.hw.DeviceCatalog;
import io.nash.hw.OpCostTable;
import io.nash.nn.SupernetSpec;
import io.nash.search.engine.ArchCost;
import io.nash.space.ArchWeights;
import io.nash.space.Backbone;
import io.nash.space.ImageShape;
import io.nash.space.NashVersion;
import io.nash.space.QuantSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run's settings select the hardware term the driver adds (or none). */
class HardwareTermTest {
  private static final SupernetSpec NET =
      new SupernetSpec(Backbone.RESNET18, NashVersion.V4, 8, 1, 28, 10, false);

  @Test
  void weightZeroMeansNoTerm() {
    assertNull(HardwareTerm.of(Settings.defaults(), NET));
    assertNull(
        HardwareTerm.of(Settings.defaults().with(Map.of("nash.search.hw.device", "U250")), NET));
  }

  @Test
  void aWeightWithoutADeviceIsRefusedNamingTheKeys() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                HardwareTerm.of(
                    Settings.defaults().with(Map.of("nash.search.hw.weight", "0.5")), NET));
    assertTrue(e.getMessage().contains("nash.search.hw.device"), e.getMessage());
    assertTrue(e.getMessage().contains("ZCU104"), e.getMessage());
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                HardwareTerm.of(
                    Settings.defaults()
                        .with(
                            Map.of("nash.search.hw.weight", "0.5", "nash.search.hw.device", "X9")),
                    NET));
    // a device outside the catalogue is refused when the settings are loaded, before the term
    assertEquals(
        "nash.search.hw.device = X9: must be one of "
            + String.join(", ", SettingsSchema.HW_DEVICES),
        bad.getMessage());
  }

  @Test
  void theDeviceIsCheckedWhenTheSettingsAreLoadedAgainstTheCatalogue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Settings.load(List.of(), Map.of("nash.search.hw.device", "U999")));
    assertEquals(
        "nash.search.hw.device = U999: must be one of none, Pynq-Z1, Pynq-Z2, Ultra96, ZCU102,"
            + " ZCU104, KV260, U50, U200, U250, U280, U55C",
        e.getMessage());
    // the allowed values are none and the built-in catalogue's names, in its order
    List<String> names = new ArrayList<>(List.of("none"));
    names.addAll(DeviceCatalog.builtIn().names());
    assertEquals(names, SettingsSchema.HW_DEVICES);
    // names are case-insensitive and stored as the catalogue spells them
    assertEquals(
        "ZCU104",
        Settings.defaults()
            .with(Map.of("nash.search.hw.device", "zcu104"))
            .getString("nash.search.hw.device"));
    // the candidates' target check needs a device
    IllegalArgumentException noDevice =
        assertThrows(
            IllegalArgumentException.class,
            () -> Settings.load(List.of(), Map.of("nash.candidates.hw.require-target", "mark")));
    assertEquals(
        "nash.candidates.hw.require-target = mark: needs nash.search.hw.device (one of Pynq-Z1,"
            + " Pynq-Z2, Ultra96, ZCU102, ZCU104, KV260, U50, U200, U250, U280, U55C)",
        noDevice.getMessage());
    assertEquals(
        "drop",
        Settings.load(
                List.of(),
                Map.of(
                    "nash.candidates.hw.require-target", "drop", "nash.search.hw.device", "U250"))
            .getString("nash.candidates.hw.require-target"));
  }

  @Test
  void theTermIsTheCostTableOfTheSearchedSpaceAtTheSettings() {
    Settings s =
        Settings.defaults()
            .with(
                Map.of(
                    "nash.search.hw.weight", "0.5",
                    "nash.search.hw.device", "ZCU104",
                    "nash.search.hw.target-fps", "2000"));
    ArchCost cost = HardwareTerm.of(s, NET);
    OpCostTable table =
        OpCostTable.of(
            Backbone.RESNET18,
            NashVersion.V4,
            QuantSpec.named("nash-paper"),
            new ImageShape(1, 28, 28),
            10,
            s.getInt("nash.train.width"),
            DeviceCatalog.builtIn().get("ZCU104"),
            s.getDouble("nash.hw.clock-ns"),
            2000);
    ArchWeights init = ArchWeights.init(Backbone.RESNET18, NashVersion.V4, 7);
    float[] flat = init.flat();
    assertEquals(table.expected(init), cost.expected(flat), 0.0);
    double[] g = cost.gradient(flat);
    assertEquals(flat.length, g.length);
    assertTrue(java.util.Arrays.stream(g).anyMatch(x -> x != 0), "the gradient moves alpha");
    // another target frame rate is another table: the settings reach the cost model
    ArchCost slow = HardwareTerm.of(s.with(Map.of("nash.search.hw.target-fps", "50")), NET);
    assertNotEquals(cost.expected(flat), slow.expected(flat));
    // the term prices the networks the later stages build: nash.train.width and nash.hw.clock-ns
    ArchCost wide = HardwareTerm.of(s.with(Map.of("nash.train.width", "64")), NET);
    assertNotEquals(cost.expected(flat), wide.expected(flat));
    ArchCost fast = HardwareTerm.of(s.with(Map.of("nash.hw.clock-ns", "3")), NET);
    assertNotEquals(cost.expected(flat), fast.expected(flat));
  }
}
