package io.nash.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceCatalogTest {
  final DeviceCatalog cat = DeviceCatalog.builtIn();

  @Test
  void catalogHoldsTheElevenBoards() {
    assertEquals(
        java.util.List.of(
            "Pynq-Z1", "Pynq-Z2", "Ultra96", "ZCU102", "ZCU104", "KV260", "U50", "U200", "U250",
            "U280", "U55C"),
        cat.names());
    assertEquals("xcu250-figd2104-2L-e", cat.get("u250").part());
    assertEquals("KV260_SOM", cat.get("KV260_SOM").finnBoard());
    assertEquals(DspType.DSP48E1, cat.get("Pynq-Z1").dspType());
    assertEquals(DspType.DSP48E2, cat.get("U250").dspType());
    assertEquals(DspType.DSP58, DspType.ofPart("xcve2802-vsvh1760-2MP-e-S"));
  }

  @Test
  void budgets() {
    // U250: FINN sums minus 4 DDR controllers (LUT 4*33256 = 133024, BRAM 4*199 = 796, DSP 12),
    // times the limits: LUT floor(1366976*0.7) = 956883, BRAM floor(3812*0.8) = 3049,
    // URAM floor(1280*0.8) = 1024, DSP floor(11508*0.8) = 9206
    assertEquals(Resources.of(3049, 956883, 1024, 9206), cat.get("U250").budget());
    // U280: HBM on SLR0 (10718 LUT, 8 BRAM) + DDR on SLR1: LUT floor((1163520-43974)*0.7)
    // = floor(783682.2) = 783682, BRAM floor((3504-207)*0.8) = floor(2637.6) = 2637,
    // URAM 768, DSP floor(8493*0.8) = floor(6794.4) = 6794
    assertEquals(Resources.of(2637, 783682, 768, 6794), cat.get("U280").budget());
    // Pynq-Z1: full device x limits: 53200*0.7 = 37240, 280*0.8 = 224, 0, 220*0.8 = 176
    assertEquals(Resources.of(224, 37240, 0, 176), cat.get("Pynq-Z1").budget());
    assertEquals(10.0, cat.get("Pynq-Z2").defaultClockNs());
  }

  @Test
  void unknownDeviceListsTheAllowedNames() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> cat.get("VU9P"));
    assertEquals(
        "device = 'VU9P': allowed are Pynq-Z1, Pynq-Z2, Ultra96, ZCU102, ZCU104, KV260, U50, U200, U250, U280, U55C",
        e.getMessage());
  }

  @Test
  void userFileAddsDevices(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("devices.json");
    Files.writeString(
        f,
        "{\"devices\":[{\"name\":\"MyBoard\",\"part\":\"xczu7ev-ffvc1156-2-e\",\"lut\":1000,"
            + "\"bram18\":10,\"dsp\":5,\"shell\":{\"lut\":100}}]}");
    DeviceCatalog c = cat.withUserFile(f);
    Device d = c.get("myboard");
    // (1000 - 100) * 0.7 = 630, 10 * 0.8 = 8, 0, 5 * 0.8 = 4
    assertEquals(Resources.of(8, 630, 0, 4), d.budget());
    assertEquals("MyBoard", d.finnBoard());
    assertTrue(c.names().contains("MyBoard"));
  }

  @Test
  void userFileErrorsNameTheProblem(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(
        f, "{\"devices\":[{\"name\":\"X\",\"part\":\"xc7z020clg400-1\",\"lut\":1000,\"dsp\":5}]}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> cat.withUserFile(f));
    assertEquals(
        "device file " + f + ": devices[0] (X): missing required field 'bram18'", e.getMessage());
    Files.writeString(
        f, "{\"devices\":[{\"name\":\"X\",\"part\":\"p\",\"lut\":-3,\"bram18\":1,\"dsp\":1}]}");
    e = assertThrows(IllegalArgumentException.class, () -> cat.withUserFile(f));
    assertTrue(
        e.getMessage().endsWith("devices[0] (X): lut = -3: must be a number >= 0"), e.getMessage());
    Files.writeString(f, "{\"devices\": 3}");
    e = assertThrows(IllegalArgumentException.class, () -> cat.withUserFile(f));
    assertTrue(
        e.getMessage().endsWith("'devices' must be an array of device objects"), e.getMessage());
    Files.writeString(f, "{oops");
    e = assertThrows(IllegalArgumentException.class, () -> cat.withUserFile(f));
    assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> cat.withUserFile(dir.resolve("missing.json")));
    assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
  }
}
