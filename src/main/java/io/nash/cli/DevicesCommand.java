package io.nash.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nash.hw.Device;
import io.nash.hw.DeviceCatalog;
import io.nash.hw.Resources;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nash devices}: the device catalogue ({@link DeviceCatalog}) that {@code nash.hw.devices},
 * {@code nash estimate --device} and {@code nash synthesize --device} name devices from, with each
 * device's capacity (LUT, BRAM_18K, URAM, DSP), what its shell takes, the budget the folding may
 * use, FPGA part, SLRs, default clock and FINN shell flow; as a table or as JSON. The catalogue
 * models no flip-flops (FINN's folding does not limit them), so none are listed.
 */
@Command(
    name = "devices",
    showDefaultValues = true,
    description =
        "List the FPGA devices NASH can estimate and build for, with their capacities"
            + " (names for nash.hw.devices and --device).")
final class DevicesCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(
      names = "--device-file",
      description = "JSON file with extra devices (as for nash estimate --device-file).")
  Path deviceFile;

  @Override
  public Integer call() throws Exception {
    DeviceCatalog catalog = DeviceCatalog.builtIn();
    if (deviceFile != null) {
      catalog = catalog.withUserFile(deviceFile);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(asJson(catalog)));
    } else {
      printTable(out, catalog);
    }
    out.flush();
    return 0;
  }

  /** One object per device, in catalogue order. */
  static ArrayNode asJson(DeviceCatalog catalog) {
    ArrayNode arr = new ObjectMapper().createArrayNode();
    for (String name : catalog.names()) {
      Device d = catalog.get(name);
      ObjectNode o = arr.addObject();
      o.put("name", d.name());
      o.put("finn_board", d.finnBoard());
      o.put("part", d.part());
      o.put("slrs", d.slrs());
      counts(o.putObject("capacity"), d.capacity());
      counts(o.putObject("shell"), d.shell());
      counts(o.putObject("budget"), d.budget());
      o.put("default_clock_ns", d.defaultClockNs());
      o.put("shell_flow", d.shellFlow());
      o.put("vitis_platform", d.vitisPlatform());
    }
    return arr;
  }

  private static void counts(ObjectNode o, Resources r) {
    for (Map.Entry<String, Double> e : r.counts().entrySet()) {
      o.put(e.getKey(), Math.round(e.getValue()));
    }
  }

  /** The table: name, part, SLRs, capacity, default clock and flow. */
  static void printTable(PrintWriter out, DeviceCatalog catalog) {
    String fmt = "%-9s %-22s %4s %9s %9s %6s %7s %9s %s%n";
    out.printf(
        Locale.ROOT,
        fmt,
        "device",
        "part",
        "SLRs",
        "LUT",
        "BRAM_18K",
        "URAM",
        "DSP",
        "clock_ns",
        "shell_flow");
    for (String name : catalog.names()) {
      Device d = catalog.get(name);
      Map<String, Double> c = d.capacity().counts();
      out.printf(
          Locale.ROOT,
          fmt,
          d.name(),
          d.part(),
          d.slrs(),
          Math.round(c.get("LUT")),
          Math.round(c.get("BRAM_18K")),
          Math.round(c.get("URAM")),
          Math.round(c.get("DSP")),
          String.format(Locale.ROOT, "%.1f", d.defaultClockNs()),
          d.shellFlow());
    }
    out.println(
        "Capacities are whole devices (Alveo: FINN's per-SLR sums). The folding may use"
            + " (capacity - shell) x LUT 0.7, BRAM 0.8, URAM 0.8, DSP 0.8 (see --json: budget).");
  }
}
