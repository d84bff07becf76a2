package io.nash.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.config.Setting;
import io.nash.config.Settings;
import io.nash.config.SettingsSchema;
import io.nash.search.api.ArchGradient;
import io.nash.search.engine.EvalSettings;
import io.nash.search.engine.PathSampling;
import io.nash.search.engine.SearchSettings;
import io.nash.synth.SynthesisSettings;
import io.nash.train.TrainSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every error of the typed settings (search, candidate evaluation, retraining, synthesis) names a
 * key of the settings schema, the bad value and the schema's allowed range; and no key that is not
 * in the schema is named anywhere in the code, the docs or conf/.
 */
class SettingKeysTest {
  /**
   * {@code nash.a.b} (two levels at least, as every setting has) not preceded by a word character,
   * '.', '/' or '-' (io.nash.x is a package); a section such as {@code nash.train.*} does not
   * match.
   */
  private static final Pattern KEY = Pattern.compile("(?<![\\w./-])nash(\\.[a-z0-9-]+){2,}");

  /** Dotted nash.* names that are no settings: a JVM property and a Hadoop setting. */
  private static final Set<String> NOT_SETTINGS =
      Set.of("nash.torch.onednn", "nash.store.atomic-rename");

  private static final Set<String> SCHEMA =
      SettingsSchema.all().stream().map(Setting::key).collect(Collectors.toSet());

  /** The nash.* keys a text names (a sentence's final '.' dropped). */
  private static List<String> keysIn(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = KEY.matcher(text);
    while (m.find()) {
      String k = m.group();
      while (k.endsWith(".") || k.endsWith("-")) {
        k = k.substring(0, k.length() - 1);
      }
      out.add(k);
    }
    return out;
  }

  /** The message of what {@code e} throws; every key it names is a schema key. */
  private static String error(Executable e) {
    String msg = assertThrows(IllegalArgumentException.class, e).getMessage();
    for (String k : keysIn(msg)) {
      assertTrue(SCHEMA.contains(k), "'" + k + "' is no setting: " + msg);
    }
    return msg;
  }

  /** Values just outside the schema's range of {@code s} (INT and DOUBLE settings). */
  private static List<Double> outside(Setting s) {
    List<Double> v = new ArrayList<>();
    v.add(s.minExclusive() ? s.min() : s.min() - 1);
    boolean unbounded =
        s.max() >= Double.MAX_VALUE
            || (s.kind() == Setting.Kind.INT && s.max() >= Integer.MAX_VALUE);
    if (!unbounded) {
      v.add(s.max() + 1);
    }
    return v;
  }

  /** As the message prints the value: integers without ".0" for INT settings. */
  private static String shown(Setting s, double v) {
    return s.kind() == Setting.Kind.INT ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * For each key: every value outside its schema range fails, and the message is {@code key =
   * value: must be <the schema's range>}.
   */
  private static <B> void eachRangeViolation(
      Map<String, BiConsumer<B, Double>> setters,
      java.util.function.Supplier<B> fresh,
      java.util.function.Consumer<B> build) {
    for (Map.Entry<String, BiConsumer<B, Double>> e : setters.entrySet()) {
      Setting s = SettingsSchema.get(e.getKey());
      for (double bad : outside(s)) {
        String msg =
            error(
                () -> {
                  B b = fresh.get();
                  e.getValue().accept(b, bad);
                  build.accept(b);
                });
        assertEquals(
            s.key() + " = " + shown(s, bad) + ": must be " + s.allowed(), msg, "for " + s.key());
      }
    }
  }

  @Test
  void searchSettingsErrorsNameSchemaKeysValuesAndRanges() {
    Map<String, BiConsumer<SearchSettings.Builder, Double>> setters = new LinkedHashMap<>();
    setters.put("nash.spark.partitions", (b, v) -> b.partitions(v.intValue()));
    setters.put("nash.spark.local-steps", (b, v) -> b.localSteps(v.intValue()));
    setters.put("nash.search.batch-size", (b, v) -> b.batchSize(v.intValue()));
    setters.put("nash.search.lr", (b, v) -> b.weightLr(v));
    setters.put("nash.search.lr-min", (b, v) -> b.weightLrMin(v));
    setters.put("nash.search.momentum", (b, v) -> b.momentum(v));
    setters.put("nash.search.weight-decay", (b, v) -> b.weightDecay(v));
    setters.put("nash.search.grad-clip", (b, v) -> b.gradClip(v));
    setters.put("nash.search.arch-lr", (b, v) -> b.alphaLr(v).localAlphaLr(0.1));
    setters.put("nash.search.arch-beta1", (b, v) -> b.alphaBeta1(v));
    setters.put("nash.search.arch-beta2", (b, v) -> b.alphaBeta2(v));
    setters.put("nash.search.arch-weight-decay", (b, v) -> b.alphaWeightDecay(v));
    eachRangeViolation(setters, () -> SearchSettings.builder("r").weightLr(10), b -> b.build());

    // checks between values, and the engine-only values without a key
    assertEquals(
        "nash.run.id = 'a b': must be letters, digits, '.', '_' or '-'",
        error(() -> SearchSettings.builder("a b").build()));
    assertTrue(
        error(() -> SearchSettings.builder("r").rounds(0).build())
            .startsWith("nash.search.epochs: rounds = 0: must be >= 1"));
    assertTrue(
        error(() -> SearchSettings.builder("r").rounds(3).warmupRounds(3).build())
            .startsWith("nash.search.warmup-epochs: 3 warm-up rounds of 3: must be >= 0"));
    assertTrue(
        error(() -> SearchSettings.builder("r").weightLr(0.1).weightLrMin(0.2).build())
            .startsWith("nash.search.lr-min = 0.2: must be <= nash.search.lr = 0.1"));
    assertTrue(
        error(() -> SearchSettings.builder("r").checkpointEvery(-1).build())
            .startsWith("nash.search.checkpoint-every: every -1 rounds: must be >= 0"));
    assertTrue(
        error(() -> SearchSettings.builder("r").localAlphaLr(0).build())
            .startsWith("localAlphaLr = 0.0: must be a number > 0"));
    assertTrue(
        error(() -> SearchSettings.builder("r").stopAfter(-2).build())
            .startsWith("stopAfter = -2: must be >= 0"));
    assertTrue(
        error(() -> SearchSettings.builder("r").failOnce("x").build())
            .startsWith("failOnce = 'x': must be round:partition"));
    assertEquals(
        "nash.spark.path-sampling = 'both': allowed are shared, independent",
        error(() -> PathSampling.fromName("both")));
    assertEquals(
        "nash.search.arch-gradient = 'sampled': allowed are exact, two-path",
        error(() -> ArchGradient.fromName("sampled")));
  }

  @Test
  void searchSettingsDefaultsAreTheSchemas() {
    SearchSettings d = SearchSettings.builder("r").build();
    Settings s = Settings.defaults();
    assertEquals(s.getLong("nash.run.seed"), d.seed());
    assertEquals(s.getInt("nash.search.epochs"), d.rounds());
    assertEquals(s.getInt("nash.spark.partitions"), d.partitions());
    assertEquals(s.getInt("nash.spark.local-steps"), d.localSteps());
    assertEquals(s.getInt("nash.search.batch-size"), d.batchSize());
    assertEquals(PathSampling.SHARED, d.pathSampling());
    assertEquals(ArchGradient.EXACT, d.archGradient());
    assertEquals(s.getDouble("nash.search.lr"), d.weightLr());
    assertEquals(s.getDouble("nash.search.lr-min"), d.weightLrMin());
    assertEquals(s.getDouble("nash.search.momentum"), d.momentum());
    assertEquals(s.getDouble("nash.search.weight-decay"), d.weightDecay());
    assertEquals(s.getDouble("nash.search.grad-clip"), d.gradClip());
    assertEquals(s.getDouble("nash.search.arch-lr"), d.alphaLr());
    assertEquals(s.getDouble("nash.search.arch-lr"), d.localAlphaLr());
    assertEquals(s.getDouble("nash.search.arch-beta1"), d.alphaBeta1());
    assertEquals(s.getDouble("nash.search.arch-beta2"), d.alphaBeta2());
    assertEquals(s.getDouble("nash.search.arch-weight-decay"), d.alphaWeightDecay());
    assertEquals(s.getInt("nash.search.checkpoint-every"), d.checkpointEvery());

    // from(Settings): epochs become rounds (3 per epoch here)
    Settings t =
        s.with(
            Map.of(
                "nash.search.epochs", "4",
                "nash.search.warmup-epochs", "1.5",
                "nash.search.checkpoint-every", "2",
                "nash.search.arch-lr", "0.01",
                "nash.spark.path-sampling", "independent",
                "nash.search.arch-gradient", "two-path"));
    SearchSettings f = SearchSettings.from(t, "run-1", 3).resume(true).build();
    assertEquals("run-1", f.runId());
    assertEquals(12, f.rounds());
    assertEquals(5, f.warmupRounds()); // round(1.5 x 3) = 5 (half up)
    assertEquals(6, f.checkpointEvery());
    assertEquals(0.01, f.alphaLr());
    assertEquals(0.01, f.localAlphaLr());
    assertEquals(PathSampling.INDEPENDENT, f.pathSampling());
    assertEquals(ArchGradient.TWO_PATH, f.archGradient());
    // the model built on each executor reads the mode from the factory's settings
    assertEquals(
        "two-path",
        io.nash.search.SupernetFactory.settings(
                io.nash.nn.SupernetSpec.of(
                    io.nash.space.Backbone.RESNET18, io.nash.space.NashVersion.V1, 4, 1, 16, 4),
                1,
                f.archGradient())
            .get("arch-gradient"));
    assertTrue(f.resume());
  }

  @Test
  void evalSettingsErrorsNameSchemaKeysValuesAndRanges() {
    Map<String, BiConsumer<EvalSettings.Builder, Double>> setters = new LinkedHashMap<>();
    setters.put("nash.candidates.bn-batches", (b, v) -> b.bnBatches(v.intValue()));
    setters.put("nash.search.batch-size", (b, v) -> b.batchSize(v.intValue()));
    setters.put("nash.candidates.valid-samples", (b, v) -> b.validSamples(v.intValue()));
    eachRangeViolation(setters, EvalSettings::builder, EvalSettings.Builder::build);
    EvalSettings d = EvalSettings.from(Settings.defaults());
    assertEquals(EvalSettings.builder().build(), d);
    assertEquals(4, d.bnBatches()); // conf/nash-defaults.yaml
    assertEquals(2000, d.validSamples());
  }

  @Test
  void trainSettingsErrorsNameSchemaKeysValuesAndRanges() {
    Map<String, BiConsumer<Map<String, String>, Double>> setters = new LinkedHashMap<>();
    for (String k :
        List.of(
            "nash.train.epochs",
            "nash.train.batch-size",
            "nash.train.width",
            "nash.train.momentum",
            "nash.train.weight-decay",
            "nash.train.step-size",
            "nash.train.step-gamma",
            "nash.train.crop-padding",
            "nash.train.threads",
            "nash.train.lr",
            "nash.train.label-smoothing",
            "nash.data.train-limit",
            "nash.data.test-limit")) {
      Setting s = SettingsSchema.get(k);
      setters.put(k, (m, v) -> m.put(k, shown(s, v)));
    }
    eachRangeViolation(setters, LinkedHashMap::new, m -> TrainSettings.defaults("v1").with(m));
    String choice = error(() -> TrainSettings.defaults("v1").with(Map.of("nash.train.quant", "x")));
    assertEquals("nash.train.quant = x: must be one of nash-paper, baseline-paper", choice);
  }

  @Test
  void synthesisSettingsErrorsNameSchemaKeysValuesAndRanges() {
    Map<String, BiConsumer<Map<String, String>, Double>> setters = new LinkedHashMap<>();
    for (String k :
        List.of(
            SynthesisSettings.CLOCK_NS,
            SynthesisSettings.TARGET_FPS,
            SynthesisSettings.FINN_TIMEOUT_S,
            SynthesisSettings.WIDTH)) {
      Setting s = SettingsSchema.get(k);
      setters.put(k, (m, v) -> m.put(k, shown(s, v)));
    }
    eachRangeViolation(setters, LinkedHashMap::new, SynthesisSettings::of);
    assertEquals(
        "nash.hw.finn = maybe: must be one of auto, off",
        error(() -> SynthesisSettings.of(Map.of(SynthesisSettings.FINN, "maybe"))));
    assertEquals(
        "nash.train.quant = w2: must be one of nash-paper, baseline-paper",
        error(() -> SynthesisSettings.of(Map.of(SynthesisSettings.QUANT, "w2"))));
    assertTrue(
        error(() -> SynthesisSettings.of(Map.of(SynthesisSettings.DEVICES, "U999")))
            .endsWith("(nash.hw.devices)"));
    assertTrue(
        error(() -> SynthesisSettings.of(Map.of(SynthesisSettings.CLASSES, "1")))
            .startsWith("network.classes = 1: must be an integer >= 2"));
    // the defaults are the schema's: both devices of nash.hw.devices
    assertEquals(
        Settings.defaults().getList("nash.hw.devices"), SynthesisSettings.of(Map.of()).devices());
    assertEquals(List.of("U250", "ZCU104"), SynthesisSettings.of(Map.of()).devices());
  }

  /**
   * No code, doc or conf file names a nash.* key the schema lacks (a renamed or invented key would
   * mislead users), besides the two dotted names that are no settings.
   */
  @Test
  void noFileNamesAKeyOutsideTheSchema() throws IOException {
    Set<String> unknown = new TreeSet<>();
    List<Path> roots = List.of(Path.of("src/main"), Path.of("docs"), Path.of("conf"));
    List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
    for (Path r : roots) {
      try (Stream<Path> w = Files.walk(r)) {
        w.filter(Files::isRegularFile).forEach(files::add);
      }
    }
    assertTrue(files.size() > 100, "scanned " + files.size() + " files");
    for (Path f : files) {
      for (String k : keysIn(Files.readString(f))) {
        if (!SCHEMA.contains(k) && !NOT_SETTINGS.contains(k)) {
          unknown.add(k + " in " + f);
        }
      }
    }
    assertEquals(Set.of(), unknown);
  }
}
