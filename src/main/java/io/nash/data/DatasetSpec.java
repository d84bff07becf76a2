package io.nash.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A parsed dataset spec string: {@code kind[:ARG][?key=value&key=value...]}. Allowed forms:
 *
 * <ul>
 *   <li>{@code fashion-mnist}: the Debian package's files in {@link #FASHION_MNIST_DIR}
 *   <li>{@code fashion-mnist:DIR}, {@code mnist:DIR}: the four IDX files (raw or .gz)
 *   <li>{@code cifar10:DIR}: CIFAR-10 binary batches
 *   <li>{@code imagefolder:DIR[?size=S&seed=X]}: DIR/train/CLASS/*.jpg|png and DIR/val (or test),
 *       resized to SxS (default 64), load order shuffled with seed X (default 0)
 *   <li>{@code synthetic[:N][?train=N&test=M&classes=K&channels=C&size=S&seed=X]}: see {@link
 *       SyntheticData.Params#DEFAULT} for the defaults
 * </ul>
 *
 * DIR is a local path, optionally written as a {@code file:} URI. Immutable and thread-safe.
 */
public final class DatasetSpec {
  /** Where the Debian package {@code dataset-fashion-mnist} installs its files. */
  public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  /** The forms listed in error messages. */
  public static final String ALLOWED_FORMS =
      "fashion-mnist, fashion-mnist:DIR, mnist:DIR, cifar10:DIR, imagefolder:DIR[?size=S&seed=X],"
          + " synthetic[:N][?train=N&test=M&classes=K&channels=C&size=S&seed=X]";

  /** Image size an image folder is resized to when the spec gives none. */
  public static final int DEFAULT_IMAGE_FOLDER_SIZE = 64;

  /** The dataset kinds, with their spec names. */
  public enum Kind {
    FASHION_MNIST("fashion-mnist", Set.of()),
    MNIST("mnist", Set.of()),
    CIFAR10("cifar10", Set.of()),
    IMAGEFOLDER("imagefolder", Set.of("size", "seed")),
    SYNTHETIC("synthetic", Set.of("train", "test", "classes", "channels", "size", "seed"));

    private final String specName;
    private final Set<String> keys;

    Kind(String specName, Set<String> keys) {
      this.specName = specName;
      this.keys = keys;
    }

    public String specName() {
      return specName;
    }
  }

  private final String text;
  private final Kind kind;
  private final String arg;
  private final Map<String, String> options;

  private DatasetSpec(String text, Kind kind, String arg, Map<String, String> options) {
    this.text = text;
    this.kind = kind;
    this.arg = arg;
    this.options = Map.copyOf(options);
  }

  /** Parses a spec; the error message lists {@link #ALLOWED_FORMS}. */
  public static DatasetSpec parse(String text) {
    if (text == null || text.isBlank()) {
      throw bad(text, "empty");
    }
    String s = text.strip();
    String query = null;
    int q = s.lastIndexOf('?');
    if (q >= 0) {
      query = s.substring(q + 1);
      s = s.substring(0, q);
    }
    int colon = s.indexOf(':');
    String name = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
    String arg = colon < 0 ? null : s.substring(colon + 1);
    Kind kind = null;
    for (Kind k : Kind.values()) {
      if (k.specName.equals(name)) {
        kind = k;
      }
    }
    if (kind == null) {
      throw bad(text, "unknown dataset '" + name + "'");
    }
    if (arg != null && arg.isEmpty()) {
      throw bad(text, "empty argument after ':'");
    }
    boolean needsDir = kind == Kind.MNIST || kind == Kind.CIFAR10 || kind == Kind.IMAGEFOLDER;
    if (needsDir && arg == null) {
      throw bad(text, kind.specName + " needs a directory: " + kind.specName + ":DIR");
    }
    if (arg != null && kind != Kind.SYNTHETIC) {
      arg = localPath(text, arg);
    }
    Map<String, String> options = new LinkedHashMap<>();
    if (query != null && !query.isEmpty()) {
      for (String kv : query.split("&")) {
        int eq = kv.indexOf('=');
        String key = eq < 0 ? kv : kv.substring(0, eq);
        if (eq < 0 || !kind.keys.contains(key) || options.containsKey(key)) {
          throw bad(
              text,
              "option '"
                  + kv
                  + "' for "
                  + kind.specName
                  + ": allowed once each as key=value, keys "
                  + (kind.keys.isEmpty() ? "none" : kind.keys.stream().sorted().toList()));
        }
        options.put(key, kv.substring(eq + 1));
      }
    }
    if (kind == Kind.SYNTHETIC && arg != null) {
      if (options.containsKey("train")) {
        throw bad(text, "synthetic:N and train=N both given");
      }
      options.put("train", arg);
      arg = null;
    }
    DatasetSpec spec = new DatasetSpec(text.strip(), kind, arg, options);
    spec.validateOptions();
    return spec;
  }

  public Kind kind() {
    return kind;
  }

  /** The directory, or null for {@code fashion-mnist} (default location) and synthetic. */
  public Path dir() {
    return arg == null ? null : Path.of(arg);
  }

  /** The {@code key=value} options (for synthetic, {@code synthetic:N} appears as train=N). */
  public Map<String, String> options() {
    return options;
  }

  /** The standard normalization for this kind, or null (synthetic: fit it on train). */
  public Normalization standardNormalization() {
    return Normalization.standard(kind.specName);
  }

  /** Reads (or generates) the train and test splits. */
  public DataSplits load() {
    return load(FASHION_MNIST_DIR);
  }

  /** {@link #load()} with another default Fashion-MNIST location (for tests). */
  DataSplits load(Path fashionMnistDefault) {
    return switch (kind) {
      case FASHION_MNIST ->
          loadFashionMnist(arg == null ? fashionMnistDefault : dir(), arg == null);
      case MNIST -> IdxReader.readDir(dir(), "mnist");
      case CIFAR10 -> Cifar10Reader.readDir(dir());
      case IMAGEFOLDER ->
          ImageFolderReader.readDir(
              dir(), intOption("size", DEFAULT_IMAGE_FOLDER_SIZE), longOption("seed", 0));
      case SYNTHETIC -> SyntheticData.generate(syntheticParams());
    };
  }

  /** The synthetic generator's parameters (defaults from {@link SyntheticData.Params#DEFAULT}). */
  public SyntheticData.Params syntheticParams() {
    if (kind != Kind.SYNTHETIC) {
      throw new IllegalStateException(text + " is not a synthetic dataset");
    }
    SyntheticData.Params d = SyntheticData.Params.DEFAULT;
    return new SyntheticData.Params(
        intOption("train", d.train()),
        intOption("test", d.test()),
        intOption("classes", d.classes()),
        intOption("channels", d.channels()),
        intOption("size", d.size()),
        longOption("seed", d.seed()));
  }

  private void validateOptions() {
    try {
      if (kind == Kind.SYNTHETIC) {
        syntheticParams();
      } else if (kind == Kind.IMAGEFOLDER) {
        int size = intOption("size", DEFAULT_IMAGE_FOLDER_SIZE);
        if (size < 1) {
          throw new IllegalArgumentException("size = " + size + ": must be >= 1");
        }
        longOption("seed", 0);
      }
    } catch (IllegalArgumentException e) {
      throw bad(text, e.getMessage());
    }
  }

  private static DataSplits loadFashionMnist(Path dir, boolean isDefault) {
    List<String> missing = IdxReader.missingFiles(dir);
    if (!missing.isEmpty() && isDefault) {
      throw new IllegalArgumentException(
          "dataset 'fashion-mnist': files missing in "
              + dir
              + " "
              + missing
              + "; install them with: apt-get install -y dataset-fashion-mnist"
              + " (or give fashion-mnist:DIR)");
    }
    return IdxReader.readDir(dir, "fashion-mnist");
  }

  private int intOption(String key, int dflt) {
    long v = longOption(key, dflt);
    if (v != (int) v) {
      throw new IllegalArgumentException(key + " = " + v + ": must fit a 32-bit integer");
    }
    return (int) v;
  }

  private long longOption(String key, long dflt) {
    String v = options.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " = '" + v + "': must be an integer");
    }
  }

  private static String localPath(String text, String arg) {
    if (arg.startsWith("file://")) {
      return arg.substring("file://".length());
    }
    if (arg.startsWith("file:")) {
      return arg.substring("file:".length());
    }
    if (arg.contains("://")) {
      throw bad(text, "'" + arg + "' is not a local path; copy the files to local disk first");
    }
    return arg;
  }

  private static IllegalArgumentException bad(String text, String problem) {
    return new IllegalArgumentException(
        "dataset '" + text + "': " + problem + "; allowed forms: " + ALLOWED_FORMS);
  }

  /** The spec as given (stripped). */
  @Override
  public String toString() {
    return text;
  }

  /** Whether the default Fashion-MNIST files are installed. */
  public static boolean fashionMnistInstalled() {
    return Files.isDirectory(FASHION_MNIST_DIR)
        && IdxReader.missingFiles(FASHION_MNIST_DIR).isEmpty();
  }
}
