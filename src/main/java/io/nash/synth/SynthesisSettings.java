package io.nash.synth;

import io.nash.config.Setting;
import io.nash.config.Settings;
import io.nash.config.SettingsSchema;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The validated settings of the synthesis stage. They travel to executors as the plain {@link
 * #asMap()} and are parsed again there, so the wire form is the documented one. Immutable and
 * thread-safe.
 *
 * <p>Every entry but the network's input shape and classes is a setting of {@link SettingsSchema}
 * under its own key: its default and its allowed values are the schema's (see {@code
 * conf/nash-defaults.yaml}), and a bad value fails with the same message as in a job file.
 *
 * <ul>
 *   <li>{@code nash.hw.devices}: comma-separated device names (see {@link DeviceCatalog}, {@code
 *       nash devices})
 *   <li>{@code nash.hw.clock-ns}: clock period
 *   <li>{@code nash.hw.target-fps}: target frames/s; 0 = fit the device (highest fps that fits)
 *   <li>{@code nash.train.quant}: quantization preset of the retrained networks
 *   <li>{@code nash.train.width}: width of the retrained networks (even)
 *   <li>{@code nash.hw.finn}: {@code auto} runs a real FINN build when {@code nash.hw.finn-command}
 *       is set, else when the environment variable {@code FINN_HOME} of the process running the
 *       synthesis task (the executor) names a FINN installation (see {@code hw.FinnRunner#locate}),
 *       else estimates only; {@code off}: estimates only, whatever FINN_HOME says
 *   <li>{@code nash.hw.finn-command}: FINN command template with {dir}; it wins over FINN_HOME
 *   <li>{@code nash.hw.finn-timeout-s}: timeout of one FINN build
 *   <li>{@code nash.hw.finn-outputs}: FINN's {@code generate_outputs}, comma-separated ({@code
 *       estimate_reports} needs no Vivado; e.g. {@code
 *       estimate_reports,stitched_ip,bitfile,pynq_driver,deployment_package} for the bitfile flow)
 *   <li>{@code network.input}, {@code network.classes}: the network's input CxHxW and class count.
 *       They are no settings: the pipeline takes them from the dataset ({@link #from}), {@code nash
 *       synthesize} from its {@code --input} and {@code --classes}; without them the CIFAR-10 shape
 *       (3x32x32, 10 classes) is used
 * </ul>
 */
public final class SynthesisSettings {
  public static final String DEVICES = "nash.hw.devices";
  public static final String CLOCK_NS = "nash.hw.clock-ns";
  public static final String TARGET_FPS = "nash.hw.target-fps";
  public static final String QUANT = "nash.train.quant";
  public static final String INPUT = "network.input";
  public static final String CLASSES = "network.classes";
  public static final String WIDTH = "nash.train.width";
  public static final String FINN = "nash.hw.finn";
  public static final String FINN_COMMAND = "nash.hw.finn-command";
  public static final String FINN_TIMEOUT_S = "nash.hw.finn-timeout-s";
  public static final String FINN_OUTPUTS = "nash.hw.finn-outputs";

  /** The settings (schema keys) of the synthesis stage. */
  private static final List<String> SETTING_KEYS =
      List.of(
          DEVICES,
          CLOCK_NS,
          TARGET_FPS,
          QUANT,
          WIDTH,
          FINN,
          FINN_COMMAND,
          FINN_TIMEOUT_S,
          FINN_OUTPUTS);

  private static final List<String> KEYS =
      java.util.stream.Stream.concat(
              SETTING_KEYS.stream(), java.util.stream.Stream.of(INPUT, CLASSES))
          .toList();

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
    for (Object d : (List<?>) value(m, DEVICES)) {
      String name;
      try {
        name = catalog.get(String.valueOf(d)).name();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage() + " (" + DEVICES + ")", e);
      }
      if (!ds.contains(name)) {
        ds.add(name);
      }
    }
    this.devices = List.copyOf(ds);
    this.clockNs = (Double) value(m, CLOCK_NS);
    this.targetFps = (Double) value(m, TARGET_FPS);
    this.quant = QuantSpec.named((String) value(m, QUANT));
    this.input = ImageShape.parse(m.getOrDefault(INPUT, "3x32x32"));
    String cls = m.getOrDefault(CLASSES, "10").trim();
    try {
      this.classes = Integer.parseInt(cls);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(CLASSES + " = '" + cls + "': must be an integer >= 2", e);
    }
    if (classes < 2) {
      throw new IllegalArgumentException(CLASSES + " = " + cls + ": must be an integer >= 2");
    }
    this.width = (Integer) value(m, WIDTH);
    if (width % 2 != 0) {
      throw new IllegalArgumentException(
          WIDTH + " = " + width + ": must be even (factorized reduce halves channels)");
    }
    String cmd = (String) value(m, FINN_COMMAND);
    this.finnCommand = cmd == null ? null : cmd.trim();
    if (finnCommand != null && !finnCommand.contains("{dir}")) {
      throw new IllegalArgumentException(
          FINN_COMMAND + " = '" + finnCommand + "': must contain {dir}");
    }
    this.finnOff = value(m, FINN).equals("off");
    if (finnOff && finnCommand != null) {
      throw new IllegalArgumentException(
          FINN
              + " = off contradicts "
              + FINN_COMMAND
              + " = '"
              + finnCommand
              + "': unset one of them");
    }
    this.finnTimeoutS = (Integer) value(m, FINN_TIMEOUT_S);
    String outputsRaw = (String) value(m, FINN_OUTPUTS);
    List<String> outputs = new ArrayList<>();
    for (String o : outputsRaw.split(",")) {
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

  /**
   * The value of setting {@code key}: the given one parsed by its schema setting (whose error names
   * the key, the value and what is allowed), else the schema's default (null when it has none). A
   * blank value of a setting without default counts as unset.
   */
  private static Object value(Map<String, String> m, String key) {
    Setting st = SettingsSchema.get(key);
    String v = m.get(key);
    if (v == null || (v.isBlank() && st.defaultValue() == null)) {
      return st.defaultValue();
    }
    return st.parse(v);
  }

  /** Parses and validates; the error names the key, the value and what is allowed. */
  public static SynthesisSettings of(Map<String, String> settings) {
    return new SynthesisSettings(settings == null ? Map.of() : settings);
  }

  /**
   * The synthesis settings of a resolved settings tree: its {@code nash.hw.*} keys and the
   * retraining's {@code nash.train.quant} and {@code nash.train.width}, for a network of the given
   * input shape and classes (the dataset's).
   */
  public static SynthesisSettings from(Settings s, ImageShape input, int classes) {
    Map<String, String> all = s.asStrings();
    Map<String, String> m = new LinkedHashMap<>();
    for (String k : SETTING_KEYS) {
      if (s.has(k)) {
        m.put(k, all.get(k));
      }
    }
    m.put(INPUT, input.toString());
    m.put(CLASSES, Integer.toString(classes));
    return of(m);
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
