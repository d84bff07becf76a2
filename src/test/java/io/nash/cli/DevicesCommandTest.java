package io.nash.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code nash devices} against the vendor/FINN figures of two devices: the U250 (FINN's per-SLR
 * sums, 4 SLRs) and the ZCU104 (data sheet, XCZU7EV).
 */
class DevicesCommandTest {

  private static String run(String... args) {
    CommandLine cl = NashCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    assertEquals(0, cl.execute(args), err.toString());
    return out.toString();
  }

  private static JsonNode device(JsonNode all, String name) {
    for (JsonNode d : all) {
      if (d.get("name").asText().equals(name)) {
        return d;
      }
    }
    throw new AssertionError(name + " missing from " + all);
  }

  @Test
  void jsonListsCapacitiesShellAndBudget() throws Exception {
    JsonNode all = new ObjectMapper().readTree(run("devices", "--json"));
    assertEquals(11, all.size());
    JsonNode u250 = device(all, "U250");
    assertEquals("xcu250-figd2104-2L-e", u250.get("part").asText());
    assertEquals(4, u250.get("slrs").asInt());
    assertEquals(1_500_000, u250.at("/capacity/LUT").asLong());
    assertEquals(4608, u250.at("/capacity/BRAM_18K").asLong());
    assertEquals(1280, u250.at("/capacity/URAM").asLong());
    assertEquals(11520, u250.at("/capacity/DSP").asLong());
    // the DDR shell of FINN: LUT 33,256, BRAM 199, DSP 3 per SLR
    assertEquals(4 * 33256, u250.at("/shell/LUT").asLong());
    assertEquals(4 * 199, u250.at("/shell/BRAM_18K").asLong());
    // floor((capacity - shell) x limits): LUT 0.7, BRAM 0.8, URAM 0.8, DSP 0.8
    assertEquals(956_883, u250.at("/budget/LUT").asLong()); // 1,366,976 x 0.7 = 956,883.2
    assertEquals(3049, u250.at("/budget/BRAM_18K").asLong()); // 3,812 x 0.8 = 3,049.6
    assertEquals(1024, u250.at("/budget/URAM").asLong());
    assertEquals(9206, u250.at("/budget/DSP").asLong()); // 11,508 x 0.8 = 9,206.4
    assertEquals(5.0, u250.get("default_clock_ns").asDouble());
    assertEquals("vitis_alveo", u250.get("shell_flow").asText());
    assertEquals("xilinx_u250_gen3x16_xdma_2_1_202010_1", u250.get("vitis_platform").asText());

    JsonNode zcu = device(all, "ZCU104");
    assertEquals("xczu7ev-ffvc1156-2-e", zcu.get("part").asText());
    assertEquals(1, zcu.get("slrs").asInt());
    assertEquals(230_400, zcu.at("/capacity/LUT").asLong());
    assertEquals(624, zcu.at("/capacity/BRAM_18K").asLong());
    assertEquals(96, zcu.at("/capacity/URAM").asLong());
    assertEquals(1728, zcu.at("/capacity/DSP").asLong());
    assertEquals(0, zcu.at("/shell/LUT").asLong());
    assertEquals(161_280, zcu.at("/budget/LUT").asLong()); // 230,400 x 0.7
    assertEquals("vivado_zynq", zcu.get("shell_flow").asText());
  }

  @Test
  void tableHasOneRowPerDevice() {
    List<String> lines = Arrays.asList(run("devices").split("\\R"));
    assertEquals(
        List.of(
            "device", "part", "SLRs", "LUT", "BRAM_18K", "URAM", "DSP", "clock_ns", "shell_flow"),
        Arrays.asList(lines.get(0).trim().split("\\s+")));
    assertEquals(
        List.of(
            "U250",
            "xcu250-figd2104-2L-e",
            "4",
            "1500000",
            "4608",
            "1280",
            "11520",
            "5.0",
            "vitis_alveo"),
        row(lines, "U250"));
    assertEquals(
        List.of(
            "ZCU104",
            "xczu7ev-ffvc1156-2-e",
            "1",
            "230400",
            "624",
            "96",
            "1728",
            "5.0",
            "vivado_zynq"),
        row(lines, "ZCU104"));
    assertEquals(1 + 11 + 1, lines.size()); // header, 11 devices, the note on budgets
  }

  private static List<String> row(List<String> lines, String name) {
    return lines.stream()
        .filter(l -> l.startsWith(name + " "))
        .findFirst()
        .map(l -> Arrays.asList(l.trim().split("\\s+")))
        .orElseThrow(() -> new AssertionError(name + " missing: " + lines));
  }
}
