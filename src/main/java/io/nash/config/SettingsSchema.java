package io.nash.config;

import static io.nash.config.Setting.boolSetting;
import static io.nash.config.Setting.choiceSetting;
import static io.nash.config.Setting.doubleSetting;
import static io.nash.config.Setting.intSetting;
import static io.nash.config.Setting.listSetting;
import static io.nash.config.Setting.longSetting;
import static io.nash.config.Setting.positiveDoubleSetting;
import static io.nash.config.Setting.stringSetting;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every setting of the engine, in one place: key, kind, default, range and description. {@code
 * conf/nash-defaults.yaml} is generated from this list ({@link #defaultsYaml()}) and a test keeps
 * the two equal. Thread-safe.
 */
public final class SettingsSchema {
  private static final double INF = Double.MAX_VALUE;
  private static final int IMAX = Integer.MAX_VALUE;

  /**
   * The values of {@code nash.search.hw.device}: {@code none} and the names of the built-in device
   * catalogue ({@code hw.DeviceCatalog#builtIn}), so a bad name fails when the settings are loaded.
   * {@code config} imports no other package; {@code HardwareTermTest} keeps this list equal to the
   * catalogue's names.
   */
  public static final List<String> HW_DEVICES =
      List.of(
          "none", "Pynq-Z1", "Pynq-Z2", "Ultra96", "ZCU102", "ZCU104", "KV260", "U50", "U200",
          "U250", "U280", "U55C");

  private static final List<Setting> ALL =
      List.of(
          // run
          stringSetting(
              "nash.run.id", null, "Run id: the folder <store>/runs/<id>; generated when unset."),
          longSetting(
              "nash.run.seed", 2, "Run seed; every random draw derives from it (paper: 2)."),
          stringSetting(
              "nash.store",
              "file:./nash-store",
              "Store URI: file:, s3a:// or hdfs:// (any Hadoop FileSystem)."),
          // data
          stringSetting(
              "nash.data.spec",
              "fashion-mnist",
              "Dataset: fashion-mnist, fashion-mnist:DIR, mnist:DIR, cifar10:DIR, imagefolder:DIR or synthetic."),
          intSetting(
              "nash.data.train-limit",
              0,
              0,
              IMAX,
              "Use only the first N training images (0 = all)."),
          intSetting(
              "nash.data.test-limit", 0, 0, IMAX, "Use only the first N test images (0 = all)."),
          // search
          choiceSetting(
              "nash.search.backbone",
              "resnet18",
              List.of("resnet18", "resnet34"),
              "Backbone to search in."),
          choiceSetting(
              "nash.search.version",
              "v1",
              List.of("v1", "v2", "v3", "v4"),
              "NASH version (op list, backbone binarization, parser)."),
          intSetting(
              "nash.search.width",
              16,
              1,
              1024,
              "Width per group w: stages have w, 2w, 4w, 8w channels (paper: 64)."),
          intSetting("nash.search.epochs", 10, 1, 100000, "Search epochs (paper: 200)."),
          doubleSetting(
              "nash.search.warmup-epochs",
              0,
              0,
              100000,
              "Epochs (fractions allowed) at the start that train only the weights: no"
                  + " architecture step, alpha fixed, as one-shot NAS warm-ups do; must stay"
                  + " below nash.search.epochs (paper: 0)."),
          intSetting(
              "nash.search.batch-size", 64, 1, 65536, "Search batch size per task (paper: 64)."),
          doubleSetting(
              "nash.search.train-portion",
              0.5,
              0.05,
              0.95,
              "Share of the training set that trains weights; the rest trains alpha."),
          positiveDoubleSetting(
              "nash.search.lr", 0.025, 10, "Weight SGD learning rate, cosine-annealed to lr-min."),
          doubleSetting(
              "nash.search.lr-min",
              0.0,
              0,
              10,
              "Final weight learning rate of the cosine schedule; at most nash.search.lr."),
          doubleSetting("nash.search.momentum", 0.9, 0, 0.999, "Weight SGD momentum."),
          doubleSetting("nash.search.weight-decay", 3e-4, 0, 1, "Weight SGD weight decay."),
          doubleSetting(
              "nash.search.grad-clip", 5, 0, INF, "Gradient-norm clip for weights (0 = off)."),
          positiveDoubleSetting("nash.search.arch-lr", 3e-4, 10, "Adam learning rate for alpha."),
          doubleSetting(
              "nash.search.arch-beta1", 0.0, 0, 0.999999, "Adam beta1 for alpha (reference: 0)."),
          doubleSetting("nash.search.arch-beta2", 0.999, 0, 0.999999, "Adam beta2 for alpha."),
          doubleSetting(
              "nash.search.arch-weight-decay", 1e-3, 0, 1, "Adam weight decay for alpha."),
          choiceSetting(
              "nash.search.hw.device",
              "none",
              HW_DEVICES,
              "Device of the hardware target (the hardware term of the architecture loss and"
                  + " nash.candidates.hw.require-target): none or a device of the built-in"
                  + " catalogue (nash devices)."),
          positiveDoubleSetting(
              "nash.search.hw.target-fps",
              1000,
              1e9,
              "Frame rate whose SetFolding design the hardware term costs."),
          doubleSetting(
              "nash.search.hw.weight",
              0,
              0,
              INF,
              "Weight lambda of E_alpha[normalised FINN resources] in the architecture loss."),
          choiceSetting(
              "nash.search.arch-gradient",
              "exact",
              List.of("exact", "two-path"),
              "exact: the architecture step evaluates every candidate of every edge (the"
                  + " method's gradient); two-path: only two candidates per edge drawn from"
                  + " softmax(alpha), rescaled to an unbiased estimate of that gradient"
                  + " (ProxylessNAS-style; faster, noisier)."),
          intSetting(
              "nash.search.eval-every",
              1,
              0,
              IMAX,
              "Every N epochs, evaluate the current argmax genotype one-shot (inherited weights,"
                  + " as the candidate stage does) and record it as argmax_oneshot_acc in"
                  + " metrics.jsonl (0 = never)."),
          intSetting(
              "nash.search.checkpoint-every",
              1,
              1,
              IMAX,
              "Checkpoint the search state every N rounds/epochs."),
          // distributed engine
          stringSetting(
              "nash.spark.master", "local[*]", "Spark master when not launched by spark-submit."),
          intSetting(
              "nash.spark.partitions",
              2,
              1,
              100000,
              "Data-parallel partitions (tasks) per search round."),
          intSetting(
              "nash.spark.local-steps",
              1,
              1,
              100000,
              "NASH steps per task per round (1 = synchronous SGD)."),
          choiceSetting(
              "nash.spark.path-sampling",
              "shared",
              List.of("independent", "shared"),
              "shared: every partition uses the round's path draw, so a round equals the"
                  + " single-process step at batch x partitions; independent: each partition"
                  + " draws its own paths."),
          intSetting(
              "nash.spark.executor-cache-entries",
              8,
              1,
              100000,
              "Most supernets, datasets and weight replicas each executor JVM keeps between"
                  + " tasks; the least useful one beyond is closed (read at the JVM's first task)."),
          intSetting(
              "nash.spark.executor-cache-idle-s",
              900,
              1,
              IMAX,
              "Seconds after its last task that an executor's cached supernet, dataset or weight"
                  + " replica is closed (read at the JVM's first task)."),
          intSetting(
              "nash.nn.threads",
              1,
              0,
              1024,
              "Cap on libtorch intra-op threads per training task (0 = the task's cores,"
                  + " spark.task.cpus, which NASH sets to an executor's cores). Default 1:"
                  + " libtorch's OpenMP threads spin when cores are shared, and on a loaded"
                  + " 2-core host one thread searched 2.3x faster than two (62 vs 27 img/s;"
                  + " idle: 115 vs 121); set 0 where each training task owns its executor's"
                  + " cores."),
          intSetting(
              "nash.candidates.valid-samples",
              2000,
              0,
              IMAX,
              "Validation-split images each candidate is evaluated on (0 = all)."),
          // candidates
          intSetting(
              "nash.candidates.top-k",
              4,
              0,
              10000,
              "Most probable genotypes evaluated besides the argmax."),
          intSetting(
              "nash.candidates.samples",
              8,
              0,
              100000,
              "Distinct genotypes sampled from softmax(alpha)."),
          intSetting(
              "nash.candidates.bn-batches",
              4,
              0,
              10000,
              "Training batches on which each candidate's BatchNorm statistics are"
                  + " re-estimated before its one-shot evaluation (0 = normalise each validation"
                  + " batch with its own statistics)."),
          intSetting(
              "nash.candidates.per-task", 4, 1, 10000, "Candidates evaluated per Spark task."),
          choiceSetting(
              "nash.candidates.hw.require-target",
              "off",
              List.of("off", "mark", "drop"),
              "The hardware target (nash.search.hw.device at nash.search.hw.target-fps) of each"
                  + " candidate: whether its SetFolding design at the target frame rate reaches"
                  + " that rate within the device budget. off: not checked; mark: the candidates"
                  + " table records it (meets_target); drop: the candidates that miss it are not"
                  + " evaluated. mark and drop need a device."),
          // retraining
          intSetting(
              "nash.train.epochs",
              10,
              1,
              100000,
              "Retraining epochs of each front candidate (paper: 100)."),
          intSetting("nash.train.batch-size", 128, 1, 65536, "Retraining batch size (paper: 256)."),
          intSetting(
              "nash.train.width",
              16,
              2,
              1024,
              "Width w of the retrained networks (even): stages have w, 2w, 4w, 8w channels (paper: 64)."),
          doubleSetting("nash.train.momentum", 0.9, 0, 0.999, "SGD momentum (optimizer sgd only)."),
          doubleSetting(
              "nash.train.weight-decay",
              0,
              0,
              1,
              "L2 weight decay added to every trainable tensor's gradient (PyTorch's convention)."),
          intSetting(
              "nash.train.step-size",
              30,
              1,
              100000,
              "Epochs between learning-rate drops (schedule step only)."),
          doubleSetting(
              "nash.train.step-gamma",
              0.1,
              0,
              1,
              "Factor of each learning-rate drop (schedule step only)."),
          intSetting(
              "nash.train.crop-padding",
              4,
              0,
              64,
              "Random-crop padding in pixels for training images (0 = no crop)."),
          boolSetting("nash.train.flip", true, "Random horizontal flips of training images."),
          intSetting(
              "nash.train.threads",
              0,
              0,
              1024,
              "libtorch intra-op threads of a training JVM (0 = libtorch's default)."),
          choiceSetting(
              "nash.train.optimizer", "adam", List.of("adam", "sgd"), "Retraining optimizer."),
          positiveDoubleSetting(
              "nash.train.lr", 1e-3, 10, "Retraining learning rate (paper: Adam 1e-3)."),
          choiceSetting(
              "nash.train.schedule",
              "cosine",
              List.of("cosine", "step", "constant"),
              "Learning-rate schedule."),
          doubleSetting("nash.train.label-smoothing", 0, 0, 0.99, "Label smoothing."),
          choiceSetting(
              "nash.train.quant",
              "nash-paper",
              List.of("nash-paper", "baseline-paper"),
              "Quantization preset of the final networks."),
          intSetting(
              "nash.train.max-candidates", 4, 0, 10000, "Front candidates retrained (0 = none)."),
          boolSetting(
              "nash.train.baseline", true, "Also train the non-NASH baseline for comparison."),
          // hardware
          listSetting(
              "nash.hw.devices",
              "U250,ZCU104",
              List.of(),
              "Devices to estimate on (see `nash devices`)."),
          doubleSetting("nash.hw.clock-ns", 5, 0.5, 100, "Clock period in ns (5 = 200 MHz)."),
          doubleSetting(
              "nash.hw.target-fps",
              0,
              0,
              INF,
              "Target frames/s for FINN's SetFolding (0 = fit the device instead)."),
          choiceSetting(
              "nash.hw.finn",
              "auto",
              List.of("auto", "off"),
              "Real FINN builds: auto = with nash.hw.finn-command if set, else with the FINN"
                  + " installation the FINN_HOME environment variable names on the executor (a FINN"
                  + " checkout with run-docker.sh, or FINN's Python: python, bin/python or"
                  + " venv/bin/python), else estimates only; off = estimates only."),
          stringSetting(
              "nash.hw.finn-command",
              null,
              "Command template running a real FINN build on {dir} (wins over FINN_HOME)."),
          intSetting(
              "nash.hw.finn-timeout-s", 36000, 1, IMAX, "Timeout of one real FINN build, seconds."),
          stringSetting(
              "nash.hw.finn-outputs",
              "estimate_reports",
              "What a real FINN build produces (FINN's generate_outputs, comma-separated):"
                  + " estimate_reports needs no Vivado; add stitched_ip, bitfile, pynq_driver,"
                  + " deployment_package (or out_of_context_synth, rtlsim_performance) for the"
                  + " bitfile flow."),
          // pareto
          stringSetting(
              "nash.pareto.objectives",
              "accuracy:max,LUT:min,BRAM_18K:min,DSP:min,fps:max",
              "Objectives of the Pareto front, name:max|min."));

  private static final Map<String, Setting> BY_KEY =
      ALL.stream().collect(Collectors.toMap(Setting::key, s -> s, (a, b) -> a, LinkedHashMap::new));

  private SettingsSchema() {}

  public static List<Setting> all() {
    return ALL;
  }

  /** The setting of {@code key}; an unknown key fails, naming the keys that share its prefix. */
  public static Setting get(String key) {
    Setting s = BY_KEY.get(key);
    if (s == null) {
      String section = key.contains(".") ? key.substring(0, key.lastIndexOf('.') + 1) : "nash.";
      List<String> near = BY_KEY.keySet().stream().filter(k -> k.startsWith(section)).toList();
      throw new IllegalArgumentException(
          "unknown setting '"
              + key
              + "'"
              + (near.isEmpty() ? "" : ": known keys under " + section + " are " + near)
              + " (all keys: conf/nash-defaults.yaml)");
    }
    return s;
  }

  /** The text of conf/nash-defaults.yaml: every key with its default, range and description. */
  public static String defaultsYaml() {
    StringBuilder sb = new StringBuilder();
    sb.append("# NASH on Spark: every setting with its default and what is allowed.\n");
    sb.append(
        "# Generated from io.nash.config.SettingsSchema (a test keeps this file equal to it).\n");
    sb.append("# Precedence: CLI flag > job file (conf/*.yaml) > these defaults.\n");
    String section = "";
    for (Setting s : ALL.stream().sorted(Comparator.comparing(SettingsSchema::section)).toList()) {
      String sec = section(s);
      if (!sec.equals(section)) {
        sb.append('\n');
        section = sec;
      }
      sb.append("# ")
          .append(s.description())
          .append(" Allowed: ")
          .append(s.allowed())
          .append(".\n");
      Object d = s.defaultValue();
      String dv =
          d == null
              ? ""
              : d instanceof List<?> l
                  ? l.stream().map(String::valueOf).collect(Collectors.joining(","))
                  : String.valueOf(d);
      if (d == null) {
        sb.append("# ").append(s.key()).append(":\n");
      } else {
        sb.append(s.key())
            .append(": ")
            .append(s.kind() == Setting.Kind.BOOL ? dv : quote(dv))
            .append('\n');
      }
    }
    return sb.toString();
  }

  private static String section(Setting s) {
    String k = s.key();
    int a = k.indexOf('.');
    int b = k.indexOf('.', a + 1);
    return b < 0 ? k.substring(0, a) : k.substring(0, b);
  }

  private static String quote(String v) {
    return v.matches("[A-Za-z0-9_.+-]+") && !v.matches("(?i)true|false|null|yes|no|on|off")
        ? v
        : "\"" + v.replace("\"", "\\\"") + "\"";
  }

  /**
   * True if changing {@code key} on a resume could change the run's outputs ({@link FreeSettings}).
   */
  public static boolean altersOutputs(String key) {
    return FreeSettings.altersOutputs(key);
  }

  /** Keys sorted, for messages. */
  static List<String> keys() {
    return List.copyOf(BY_KEY.keySet());
  }
}
