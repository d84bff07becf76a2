package io.nash.hw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The boards and cards NASH designs can target, by name (case-insensitive). Built in: Pynq-Z1,
 * Pynq-Z2, Ultra96, ZCU102, ZCU104, KV260, U50, U200, U250, U280, U55C (finn-reference.md section
 * 5). A user JSON file may add or replace devices:
 *
 * <pre>{"devices": [{"name": "MyBoard", "part": "xczu7ev-ffvc1156-2-e", "lut": 230400,
 *   "bram18": 624, "uram": 96, "dsp": 1728, "clock_ns": 5.0, "slrs": 1,
 *   "shell": {"lut": 0, "bram18": 0, "uram": 0, "dsp": 0},
 *   "shell_flow_type": "vivado_zynq", "finn_board": "ZCU104"}]}</pre>
 *
 * Only name, part, lut, bram18 and dsp are required. Alveo shells: FINN's DDR controller cost (LUT
 * 33,256, BRAM 199, DSP 3) per DDR SLR, or the HBM cost (LUT 10,718, BRAM 8) on an HBM SLR (HBM
 * preferred where an SLR has both); U250 DDR on SLRs 0-3, U280 HBM on 0 and DDR on 1, U50/U55C HBM
 * on 0, U200 DDR on all three SLRs (our assumption: FINN's table gives no U200 assignment). Zynq
 * boards use the data-sheet full-device figures and no shell. Default clocks: 10 ns on the Pynq
 * boards (FINN's Pynq-Z1 example), 5 ns elsewhere (NASH's U250 flow). Immutable; thread-safe.
 */
public final class DeviceCatalog {
  private static final Resources DDR = Resources.of(199, 33256, 0, 3);
  private static final Resources HBM = Resources.of(8, 10718, 0, 0);

  private final Map<String, Device> devices;

  private DeviceCatalog(Map<String, Device> devices) {
    this.devices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(devices));
  }

  /** The built-in catalog. */
  public static DeviceCatalog builtIn() {
    Map<String, Device> m = new LinkedHashMap<>();
    zynq(m, "Pynq-Z1", "Pynq-Z1", "xc7z020clg400-1", 53200, 280, 0, 220, 10.0);
    zynq(m, "Pynq-Z2", "Pynq-Z2", "xc7z020clg400-1", 53200, 280, 0, 220, 10.0);
    zynq(m, "Ultra96", "Ultra96", "xczu3eg-sbva484-1-e", 70560, 432, 0, 360, 5.0);
    zynq(m, "ZCU102", "ZCU102", "xczu9eg-ffvb1156-2-e", 274080, 1824, 0, 2520, 5.0);
    zynq(m, "ZCU104", "ZCU104", "xczu7ev-ffvc1156-2-e", 230400, 624, 96, 1728, 5.0);
    zynq(m, "KV260", "KV260_SOM", "xck26-sfvc784-2LV-c", 117120, 288, 64, 1248, 5.0);
    alveo(
        m,
        "U50",
        "xcu50-fsvh2104-2L-e",
        2,
        Resources.of(2256, 742560, 608, 5352),
        HBM,
        "xilinx_u50_gen3x16_xdma_5_202210_1");
    alveo(
        m,
        "U200",
        "xcu200-fsgd2104-2-e",
        3,
        Resources.of(3696, 971520, 800, 5856),
        times(DDR, 3),
        "xilinx_u200_gen3x16_xdma_2_202110_1");
    alveo(
        m,
        "U250",
        "xcu250-figd2104-2L-e",
        4,
        Resources.of(4608, 1500000, 1280, 11520),
        times(DDR, 4),
        "xilinx_u250_gen3x16_xdma_2_1_202010_1");
    alveo(
        m,
        "U280",
        "xcu280-fsvh2892-2L-e",
        3,
        Resources.of(3504, 1163520, 960, 8496),
        HBM.plus(DDR),
        "xilinx_u280_gen3x16_xdma_1_202211_1");
    alveo(
        m,
        "U55C",
        "xcu55c-fsvh2892-2L-e",
        3,
        Resources.of(3552, 1131000, 960, 8304),
        HBM,
        "xilinx_u55c_gen3x16_xdma_3_202210_1");
    return new DeviceCatalog(m);
  }

  private static Resources times(Resources r, int k) {
    return Resources.of(r.bram18() * k, r.lut() * k, r.uram() * k, r.dsp() * k);
  }

  private static void zynq(
      Map<String, Device> m,
      String name,
      String board,
      String part,
      int lut,
      int bram,
      int uram,
      int dsp,
      double clk) {
    m.put(
        key(name),
        new Device(
            name,
            board,
            part,
            1,
            Resources.of(bram, lut, uram, dsp),
            Resources.ZERO,
            clk,
            "vivado_zynq",
            ""));
  }

  private static void alveo(
      Map<String, Device> m,
      String name,
      String part,
      int slrs,
      Resources cap,
      Resources shell,
      String platform) {
    m.put(key(name), new Device(name, name, part, slrs, cap, shell, 5.0, "vitis_alveo", platform));
  }

  private static String key(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  /** The device called {@code name} (case-insensitive); the error lists the allowed names. */
  public Device get(String name) {
    Device d = name == null ? null : devices.get(key(name));
    if (d == null && name != null && key(name).equals("kv260_som")) {
      d = devices.get("kv260");
    }
    if (d == null) {
      throw new IllegalArgumentException(
          "device = '" + name + "': allowed are " + String.join(", ", names()));
    }
    return d;
  }

  /** Device names in catalog order. */
  public List<String> names() {
    return devices.values().stream().map(Device::name).toList();
  }

  /** This catalog plus the devices of a user JSON file (same names replace built-in ones). */
  public DeviceCatalog withUserFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "device file " + file + ": cannot read (" + e.getMessage() + ")", e);
    }
    try {
      return withUserJson(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("device file " + file + ": " + e.getMessage(), e);
    }
  }

  /** This catalog plus the devices of a user JSON text. */
  public DeviceCatalog withUserJson(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
    }
    JsonNode list = root == null ? null : root.get("devices");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("'devices' must be an array of device objects");
    }
    Map<String, Device> m = new LinkedHashMap<>(devices);
    List<Device> added = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      added.add(parse(list.get(i), i));
    }
    added.forEach(d -> m.put(key(d.name()), d));
    return new DeviceCatalog(m);
  }

  private static Device parse(JsonNode o, int i) {
    String where = "devices[" + i + "]";
    if (!o.isObject()) {
      throw new IllegalArgumentException(where + ": must be an object");
    }
    String name = text(o, "name", where, null);
    where = where + " (" + name + ")";
    String part = text(o, "part", where, null);
    Resources cap =
        Resources.of(
            num(o, "bram18", where, -1),
            num(o, "lut", where, -1),
            num(o, "uram", where, 0),
            num(o, "dsp", where, -1));
    JsonNode sh = o.get("shell");
    Resources shell = Resources.ZERO;
    if (sh != null) {
      shell =
          Resources.of(
              num(sh, "bram18", where + ".shell", 0),
              num(sh, "lut", where + ".shell", 0),
              num(sh, "uram", where + ".shell", 0),
              num(sh, "dsp", where + ".shell", 0));
    }
    return new Device(
        name,
        text(o, "finn_board", where, name),
        part,
        (int) num(o, "slrs", where, 1),
        cap,
        shell,
        num(o, "clock_ns", where, 5.0),
        text(o, "shell_flow_type", where, "vivado_zynq"),
        text(o, "vitis_platform", where, ""));
  }

  private static String text(JsonNode o, String k, String where, String dflt) {
    JsonNode v = o.get(k);
    if (v == null) {
      if (dflt == null) {
        throw new IllegalArgumentException(where + ": missing required field '" + k + "'");
      }
      return dflt;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(where + ": " + k + " = " + v + ": must be a string");
    }
    return v.asText();
  }

  private static double num(JsonNode o, String k, String where, double dflt) {
    JsonNode v = o.get(k);
    if (v == null) {
      if (dflt < 0) {
        throw new IllegalArgumentException(where + ": missing required field '" + k + "'");
      }
      return dflt;
    }
    if (!v.isNumber() || v.asDouble() < 0) {
      throw new IllegalArgumentException(where + ": " + k + " = " + v + ": must be a number >= 0");
    }
    return v.asDouble();
  }
}
