package io.nash.synth;

import io.nash.hw.Device;
import io.nash.hw.DeviceCatalog;
import io.nash.hw.FinnConfigs;
import io.nash.hw.FoldingGoal;
import io.nash.hw.SetFolding;
import io.nash.space.ImageShape;
import io.nash.space.QuantSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The validated settings of the synthesis stage. They travel to executors as the plain {@link
 * #asMap()} (hyphenated {@code nash.hw.*} keys) and are parsed again there, so the wire form is the
 * documented one. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@code nash.hw.devices}: comma-separated device names (see {@link DeviceCatalog})
 *   <li>{@code nash.hw.clock-ns}: clock period (default 5)
 *   <li>{@code nash.hw.target-fps}: target frames/s; 0 = fit the device (highest fps that fits)
 *   <li>{@code nash.hw.quant}: quantization preset (default nash-paper)
 *   <li>{@code nash.hw.input}: network input CxHxW; {@code nash.hw.classes}; {@code nash.hw.width}
 *   <li>{@code nash.hw.finn}: {@code auto} (default) runs a real FINN build when {@code
 *       nash.hw.finn-command} is set, else when the environment variable {@code FINN_HOME} of the
 *       process running the synthesis task (the executor) names a FINN installation (see {@code
 *       hw.FinnRunner#locate}), else estimates only; {@code off}: estimates only, whatever
 *       FINN_HOME says
 *   <li>{@code nash.hw.finn-command}: FINN command template with {dir}; it wins over FINN_HOME
 *   <li>{@code nash.hw.finn-timeout-s}: timeout of one FINN build (default 36000)
 *   <li>{@code nash.hw.finn-outputs}: FINN's {@code generate_outputs}, comma-separated (default
 *       {@code estimate_reports}, which needs no Vivado; e.g. {@code
 *       estimate_reports,stitched_ip,bitfile,pynq_driver,deployment_package} for the bitfile flow)
 * </ul>
 */
public final class SynthesisSettings {
  public static final String DEVICES = "nash.hw.devices";
  public static final String CLOCK_NS = "nash.hw.clock-ns";
  public static final String TARGET_FPS = "nash.hw.target-fps";
  public static final String QUANT = "nash.hw.quant";
  public static final String INPUT = "nash.hw.input";
  public static final String CLASSES = "nash.hw.classes";
  public static final String WIDTH = "nash.hw.width";
  public static final String FINN = "nash.hw.finn";
  public static final String FINN_COMMAND = "nash.hw.finn-command";
  public static final String FINN_TIMEOUT_S = "nash.hw.finn-timeout-s";
  public static final String FINN_OUTPUTS = "nash.hw.finn-outputs";

  private static final List<String> KEYS =
      List.of(
          DEVICES,
          CLOCK_NS,
          TARGET_FPS,
          QUANT,
          INPUT,
          CLASSES,
          WIDTH,
          FINN,
          FINN_COMMAND,
          FINN_TIMEOUT_S,
          FINN_OUTPUTS);

  private final Map<String, String> raw;
  private final List<String> devices;
  private final double clockNs;
  private final double targetFps;
  private final QuantSpec quant;
  private final ImageShape input;
  private final int classes;
  private final int width;
  private final boolean finnOff;
  private final String finnCommand;
  private final int finnTimeoutS;
  private final FinnConfigs.BuildOptions finnOptions;

  private SynthesisSettings(Map<String, String> m) {
    for (String k : m.keySet()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("synthesis setting '" + k + "': allowed are " + KEYS);
      }
    }
    DeviceCatalog catalog = DeviceCatalog.builtIn();
    List<String> ds = new ArrayList<>();
    for (String d : m.getOrDefault(DEVICES, "U250").split(",")) {
      if (!d.isBlank()) {
        String name = catalog.get(d.trim()).name();
        if (!ds.contains(name)) {
          ds.add(name);
        }
      }
    }
    if (ds.isEmpty()) {
      throw new IllegalArgumentException(DEVICES + " = '' : name at least one device");
    }
    this.devices = List.copyOf(ds);
    this.clockNs = number(m, CLOCK_NS, "5", 0.5, 100);
    this.targetFps = number(m, TARGET_FPS, "0", 0, Double.MAX_VALUE);
    this.quant = QuantSpec.named(m.getOrDefault(QUANT, "nash-paper"));
    this.input = ImageShape.parse(m.getOrDefault(INPUT, "3x32x32"));
    this.classes = (int) number(m, CLASSES, "10", 2, 100000);
    this.width = (int) number(m, WIDTH, "16", 2, 1024);
    if (width % 2 != 0 || width != number(m, WIDTH, "16", 2, 1024)) {
      throw new IllegalArgumentException(
          WIDTH + " = " + m.get(WIDTH) + ": must be an even integer");
    }
    String cmd = m.get(FINN_COMMAND);
    this.finnCommand = cmd == null || cmd.isBlank() ? null : cmd.trim();
    if (finnCommand != null && !finnCommand.contains("{dir}")) {
      throw new IllegalArgumentException(
          FINN_COMMAND + " = '" + finnCommand + "': must contain {dir}");
    }
    String finn = m.getOrDefault(FINN, "auto").trim();
    if (!finn.equals("auto") && !finn.equals("off")) {
      throw new IllegalArgumentException(FINN + " = '" + finn + "': allowed are auto, off");
    }
    this.finnOff = finn.equals("off");
    if (finnOff && finnCommand != null) {
      throw new IllegalArgumentException(
          FINN
              + " = off contradicts "
              + FINN_COMMAND
              + " = '"
              + finnCommand
              + "': unset one of them");
    }
    this.finnTimeoutS = (int) number(m, FINN_TIMEOUT_S, "36000", 1, Integer.MAX_VALUE);
    List<String> outputs = new ArrayList<>();
    for (String o : m.getOrDefault(FINN_OUTPUTS, "estimate_reports").split(",")) {
      if (!o.isBlank()) {
        outputs.add(o.trim());
      }
    }
    try {
      this.finnOptions =
          new FinnConfigs.BuildOptions(outputs, SetFolding.DEFAULT_MVAU_WWIDTH_MAX, true);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          FINN_OUTPUTS + " = '" + m.get(FINN_OUTPUTS) + "': " + e.getMessage());
    }
    this.raw = Collections.unmodifiableMap(new TreeMap<>(m));
  }

  /** Parses and validates; the error names the key, the value and what is allowed. */
  public static SynthesisSettings of(Map<String, String> settings) {
    return new SynthesisSettings(settings == null ? Map.of() : settings);
  }

  private static double number(
      Map<String, String> m, String key, String dflt, double lo, double hi) {
    String v = m.getOrDefault(key, dflt).trim();
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " = '" + v + "': must be a number", e);
    }
    if (!(d >= lo && d <= hi)) {
      throw new IllegalArgumentException(
          key + " = " + v + ": must be in [" + fmt(lo) + ", " + fmt(hi) + "]");
    }
    return d;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  /** The settings as given (the wire form). */
  public Map<String, String> asMap() {
    return raw;
  }

  /** Canonical device names, in the order given, without duplicates. */
  public List<String> devices() {
    return devices;
  }

  public Device device(String name) {
    return DeviceCatalog.builtIn().get(name);
  }

  public double clockNs() {
    return clockNs;
  }

  /** Target fps, or 0 to fit the device. */
  public double targetFps() {
    return targetFps;
  }

  public boolean fitDevice() {
    return targetFps == 0;
  }

  public FoldingGoal goal() {
    return fitDevice() ? FoldingGoal.ofFitDevice() : FoldingGoal.ofTargetFps(targetFps);
  }

  public QuantSpec quant() {
    return quant;
  }

  public ImageShape input() {
    return input;
  }

  public int classes() {
    return classes;
  }

  public int width() {
    return width;
  }

  /** False when {@code nash.hw.finn = off}: no FINN build, whatever FINN_HOME says. */
  public boolean finnAllowed() {
    return !finnOff;
  }

  public Optional<String> finnCommand() {
    return Optional.ofNullable(finnCommand);
  }

  public Duration finnTimeout() {
    return Duration.ofSeconds(finnTimeoutS);
  }

  /** What the FINN build folder asks FINN for (its generate_outputs). */
  public FinnConfigs.BuildOptions finnOptions() {
    return finnOptions;
  }

  /** FINN's weight-stream width limit used by both foldings. */
  public int mvauWwidthMax() {
    return SetFolding.DEFAULT_MVAU_WWIDTH_MAX;
  }
}
