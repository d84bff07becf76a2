package io.nash.api;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's "Java API" example is the body of {@code api.examples.ApiExample#run}, which is
 * compiled with the project and launched by {@code deploy/smoke-submit.sh}.
 */
class ReadmeExampleTest {
  @Test
  void readmeExampleIsTheCompiledExample() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int section = readme.indexOf("\n## Java API\n");
    assertTrue(section >= 0, "README.md has no '## Java API' section");
    int start = readme.indexOf("```java\n", section);
    int end = readme.indexOf("```\n", start + 8);
    assertTrue(start > 0 && end > start, "no ```java block in the Java API section");
    String shown = readme.substring(start + 8, end);

    String src = Files.readString(Path.of("src/main/java/io/nash/api/examples/ApiExample.java"));
    int a = src.indexOf("// README: begin\n");
    int b = src.indexOf("    // README: end");
    assertTrue(a > 0 && b > a, "ApiExample has no README region");
    StringBuilder region = new StringBuilder();
    for (String line : src.substring(a + "// README: begin\n".length(), b).split("\n", -1)) {
      region.append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
    }
    assertEquals(region.toString().strip(), shown.strip());
  }
}
