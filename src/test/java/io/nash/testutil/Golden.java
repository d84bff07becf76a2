package io.nash.testutil;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Golden files: expected outputs kept under {@code src/test/resources/golden/}, compared with what
 * the code writes now. JSON is compared as parsed trees (object key order aside, every value
 * exactly, numbers with their JSON type), and a difference names the first differing path, e.g.
 * {@code $.Defaults.MVAU_hls_0.PE}. Text is compared line by line, naming the first differing line.
 *
 * <p>Regenerating: run the golden tests with {@code -Dnash.golden.update=true} (for example {@code
 * mvn test -Dtest='*GoldenTest' -Dnash.golden.update=true}); each golden file is then rewritten
 * with the current output and the test passes. Review the diff ({@code git diff
 * src/test/resources/golden}) before committing it. The files are read from and written to the
 * source tree (the build's working directory is the project root), so an update is seen at once.
 */
public final class Golden {
  /** The system property that rewrites golden files instead of comparing with them. */
  public static final String UPDATE_PROPERTY = "nash.golden.update";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Golden() {}

  /** The source folder holding the golden files. */
  public static Path root() {
    return Path.of("src", "test", "resources", "golden");
  }

  private static boolean updating() {
    return Boolean.getBoolean(UPDATE_PROPERTY);
  }

  /** Compares {@code actualJson} with the golden JSON file {@code name} as parsed trees. */
  public static void assertJson(String name, String actualJson) {
    JsonNode actual = parse(actualJson, "actual output for " + name);
    Optional<String> golden = golden(name, actualJson);
    if (golden.isEmpty()) {
      return;
    }
    JsonNode expected = parse(golden.get(), "golden file " + file(name));
    firstDifference("$", expected, actual)
        .ifPresent(d -> fail(name + " differs from " + file(name) + " at " + d + hint()));
  }

  /** Compares {@code actual} with the golden text file {@code name} line by line. */
  public static void assertText(String name, String actual) {
    Optional<String> golden = golden(name, actual);
    if (golden.isEmpty()) {
      return;
    }
    String[] want = golden.get().split("\n", -1);
    String[] got = actual.split("\n", -1);
    for (int i = 0; i < Math.max(want.length, got.length); i++) {
      String w = i < want.length ? want[i] : "<end of file>";
      String g = i < got.length ? got[i] : "<end of output>";
      if (!w.equals(g)) {
        fail(
            name
                + " differs from "
                + file(name)
                + " at line "
                + (i + 1)
                + ":\n  expected: "
                + w
                + "\n  actual:   "
                + g
                + hint());
      }
    }
  }

  /**
   * The first path where the trees differ with both values, or empty when they are equal. Object
   * members are visited in sorted key order, array elements in order.
   */
  public static Optional<String> firstDifference(String path, JsonNode expected, JsonNode actual) {
    if (expected.getNodeType() != actual.getNodeType()
        || expected.isNumber() && expected.numberType() != actual.numberType()) {
      return Optional.of(
          path + ": expected " + describe(expected) + ", actual " + describe(actual));
    }
    if (expected.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      expected.fieldNames().forEachRemaining(keys::add);
      actual.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        String p = path + "." + k;
        if (!expected.has(k)) {
          return Optional.of(p + ": not expected, actual " + describe(actual.get(k)));
        }
        if (!actual.has(k)) {
          return Optional.of(p + ": expected " + describe(expected.get(k)) + ", missing");
        }
        Optional<String> d = firstDifference(p, expected.get(k), actual.get(k));
        if (d.isPresent()) {
          return d;
        }
      }
      return Optional.empty();
    }
    if (expected.isArray()) {
      Iterator<JsonNode> e = expected.elements();
      Iterator<JsonNode> a = actual.elements();
      for (int i = 0; e.hasNext() || a.hasNext(); i++) {
        String p = path + "[" + i + "]";
        if (!a.hasNext()) {
          return Optional.of(p + ": expected " + describe(e.next()) + ", missing");
        }
        if (!e.hasNext()) {
          return Optional.of(p + ": not expected, actual " + describe(a.next()));
        }
        Optional<String> d = firstDifference(p, e.next(), a.next());
        if (d.isPresent()) {
          return d;
        }
      }
      return Optional.empty();
    }
    return expected.equals(actual)
        ? Optional.empty()
        : Optional.of(path + ": expected " + describe(expected) + ", actual " + describe(actual));
  }

  private static String describe(JsonNode n) {
    String s = n.toString();
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }

  /** The golden text, or empty after rewriting it in update mode. */
  private static Optional<String> golden(String name, String actual) {
    Path f = file(name);
    try {
      if (updating()) {
        Files.createDirectories(f.getParent());
        Files.writeString(f, actual, StandardCharsets.UTF_8);
        System.err.println("golden file " + f + " rewritten (" + UPDATE_PROPERTY + "=true)");
        return Optional.empty();
      }
      if (!Files.exists(f)) {
        fail("golden file " + f + " is missing" + hint());
      }
      return Optional.of(Files.readString(f, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("golden file " + f, e);
    }
  }

  private static Path file(String name) {
    return root().resolve(name);
  }

  private static String hint() {
    return "\n(if the change is intended, rerun with -D" + UPDATE_PROPERTY + "=true and review)";
  }

  private static JsonNode parse(String text, String what) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
