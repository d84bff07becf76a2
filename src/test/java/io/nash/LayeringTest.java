package io.nash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package table of {@code docs/architecture.md} (section 4.1) is the law of the code: every
 * main package has a row, and every main source file refers only to the {@code io.nash} packages
 * and the external libraries its row allows. A new dependency edge therefore needs a change to the
 * documentation first, and the documentation cannot drift from the code.
 */
class LayeringTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final Path DOC = Path.of("docs/architecture.md");

  /** What each library name in the table's last column covers. */
  private static final Map<String, List<String>> LIBRARIES =
      Map.ofEntries(
          Map.entry("Spark", List.of("org.apache.spark.", "scala.")),
          Map.entry("DJL", List.of("ai.djl.", "com.sun.jna.")),
          Map.entry("Hadoop", List.of("org.apache.hadoop.")),
          Map.entry("Jackson", List.of("com.fasterxml.jackson.")),
          Map.entry("Kryo", List.of("com.esotericsoftware.")),
          Map.entry("protobuf-java", List.of("com.google.protobuf.")),
          Map.entry("picocli", List.of("picocli.")),
          Map.entry("Caffeine", List.of("com.github.benmanes.caffeine.")));

  /** Always allowed: the JDK and the logging facade. */
  private static final List<String> EVERYWHERE = List.of("java.", "javax.", "org.slf4j.");

  private static final Pattern ROW =
      Pattern.compile("^\\| `([a-z.]+)` \\|[^|]*\\|([^|]*)\\|([^|]*)\\|$");
  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?;", Pattern.MULTILINE);
  private static final Pattern NASH_REF =
      Pattern.compile("\\bio\\.nash((?:\\.[a-z]\\w*)*)\\.[A-Z]");

  record Row(Set<String> imports, Set<String> libraries) {}

  static Map<String, Row> table(String doc) {
    Map<String, Row> rows = new LinkedHashMap<>();
    boolean inTable = false;
    for (String line : doc.split("\n")) {
      if (line.startsWith("| package | holds | may import")) {
        inTable = true;
        continue;
      }
      if (!inTable || line.startsWith("|---")) {
        continue;
      }
      Matcher m = ROW.matcher(line.strip());
      if (!m.matches()) {
        break;
      }
      Set<String> imports = new TreeSet<>();
      Matcher names = Pattern.compile("`([a-z.]+)`").matcher(m.group(2));
      while (names.find()) {
        imports.add(names.group(1));
      }
      Set<String> libs = new TreeSet<>();
      for (String lib : m.group(3).split(",")) {
        String l = lib.strip();
        if (!l.isEmpty() && !l.equals("none")) {
          libs.add(l);
        }
      }
      rows.put(m.group(1), new Row(imports, libs));
    }
    return rows;
  }

  /**
   * {@code io.nash.search.engine} becomes {@code search.engine}; the root stays {@code io.nash}.
   */
  static String shortName(String fullPackage) {
    return fullPackage.equals("io.nash") ? "io.nash" : fullPackage.substring("io.nash.".length());
  }

  static String withoutComments(String src) {
    return src.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
  }

  @Test
  void everyMainFileImportsOnlyWhatItsPackageRowAllows() throws IOException {
    Map<String, Row> rows = table(Files.readString(DOC));
    assertTrue(rows.size() > 10, "package table not found in " + DOC + ": " + rows.keySet());
    for (String lib : rows.values().stream().flatMap(r -> r.libraries().stream()).toList()) {
      assertTrue(LIBRARIES.containsKey(lib), "unknown library name in " + DOC + ": " + lib);
    }
    Map<String, List<Path>> packages = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String pkg = MAIN.relativize(f.getParent()).toString().replace('/', '.');
        packages.computeIfAbsent(shortName(pkg), k -> new ArrayList<>()).add(f);
      }
    }
    assertEquals(
        new TreeSet<>(packages.keySet()),
        new TreeSet<>(rows.keySet()),
        "the packages of src/main/java and the rows of " + DOC + " section 4.1");
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, List<Path>> p : packages.entrySet()) {
      Row row = rows.get(p.getKey());
      for (Path f : p.getValue()) {
        String src = withoutComments(Files.readString(f));
        Matcher refs = NASH_REF.matcher(src);
        Set<String> used = new TreeSet<>();
        while (refs.find()) {
          used.add(refs.group(1).isEmpty() ? "io.nash" : refs.group(1).substring(1));
        }
        used.remove(p.getKey());
        for (String u : used) {
          if (!row.imports().contains(u)) {
            violations.add(MAIN.relativize(f) + " uses io.nash package " + u);
          }
        }
        Matcher imports = IMPORT.matcher(src);
        while (imports.find()) {
          String name = imports.group(1);
          if (name.startsWith("io.nash") || EVERYWHERE.stream().anyMatch(name::startsWith)) {
            continue;
          }
          boolean allowed =
              row.libraries().stream()
                  .anyMatch(l -> LIBRARIES.get(l).stream().anyMatch(name::startsWith));
          if (!allowed) {
            violations.add(MAIN.relativize(f) + " imports " + name);
          }
        }
      }
    }
    assertTrue(
        violations.isEmpty(),
        violations.size()
            + " references not allowed by "
            + DOC
            + " section 4.1:\n  "
            + String.join("\n  ", violations));
  }

  /** Level of each package in the layer diagram of section 4.2. */
  static Map<String, Integer> levels(String doc) {
    int at = doc.indexOf("### 4.2 Layers");
    int open = doc.indexOf("```", at);
    int close = doc.indexOf("```", open + 3);
    Map<String, Integer> levels = new TreeMap<>();
    for (String line : doc.substring(open + 3, close).split("\n")) {
      Matcher m = Pattern.compile("^\\s*(\\d+)\\s+(.*)$").matcher(line);
      if (!m.matches()) {
        continue;
      }
      for (String token :
          m.group(2).replaceAll("\\[[SD]\\]|\\([A-Za-z]+\\)", " ").trim().split("\\s+")) {
        levels.put(token, Integer.parseInt(m.group(1)));
      }
    }
    return levels;
  }

  @Test
  void theLayerDiagramHasEveryPackageAboveEverythingItImports() throws IOException {
    String doc = Files.readString(DOC);
    Map<String, Row> rows = table(doc);
    Map<String, Integer> levels = levels(doc);
    assertEquals(new TreeSet<>(rows.keySet()), new TreeSet<>(levels.keySet()), "diagram vs table");
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Row> r : rows.entrySet()) {
      for (String u : r.getValue().imports()) {
        if (levels.get(u) >= levels.get(r.getKey())) {
          wrong.add(
              r.getKey()
                  + " (level "
                  + levels.get(r.getKey())
                  + ") imports "
                  + u
                  + " (level "
                  + levels.get(u)
                  + ")");
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void theTableParserReadsRowsAsWritten() {
    String doc =
        "| package | holds | may import (`io.nash.*`) | external libraries |\n"
            + "|---|---|---|---|\n"
            + "| `hw` | lowering | `space`, `hw.onnx` | Jackson |\n"
            + "| `io.nash` | version | none | none |\n"
            + "\n"
            + "| `later` | not in the table | `x` | DJL |\n";
    Map<String, Row> t = table(doc);
    assertEquals(Set.of("hw", "io.nash"), t.keySet());
    assertEquals(Set.of("space", "hw.onnx"), t.get("hw").imports());
    assertEquals(Set.of("Jackson"), t.get("hw").libraries());
    assertEquals(Set.of(), t.get("io.nash").imports());
    assertEquals("search.engine", shortName("io.nash.search.engine"));
    assertEquals("a  b ", withoutComments("a /* io.nash.x.Y */ b // io.nash.z.W"));
  }
}
