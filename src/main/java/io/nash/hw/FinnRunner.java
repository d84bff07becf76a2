package io.nash.hw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a real FINN build on a {@link FinnBuildPackage} folder as a subprocess with a timeout, and
 * reads the {@code report/*.json} files it writes back into the same {@link HwReport} our estimator
 * produces. The subprocess runs in the folder (cwd = folder) with its standard input closed; its
 * output goes to {@value #RUNNER_LOG} in the folder. Immutable; one instance may run several
 * builds.
 *
 * <p>The command comes from one of three places ({@link #locate}, in this precedence):
 *
 * <ol>
 *   <li>a command template ({@link Kind#TEMPLATE}), e.g. {@code finn build_dataflow {dir}}: split
 *       on whitespace, {@code {dir}} replaced by the absolute folder path in every token;
 *   <li>the FINN installation named by the environment variable {@value #FINN_HOME}: a FINN source
 *       checkout ({@code $FINN_HOME/run-docker.sh} exists; {@link Kind#DOCKER}) runs {@code
 *       $FINN_HOME/run-docker.sh build_custom {dir}}, FINN's Docker flow, which runs the folder's
 *       {@value #BUILD_SCRIPT} in the container; otherwise FINN's Python ({@link Kind#PYTHON}: the
 *       first executable file of {@code $FINN_HOME/python} (e.g. a toolbox wrapper), {@code
 *       $FINN_HOME/bin/python}, {@code $FINN_HOME/venv/bin/python}) runs {@code python build.py} in
 *       the folder, with {@code FINN_BUILD_DIR} set to {@code <folder>/finn-tmp} unless the
 *       environment sets it;
 *   <li>neither: no FINN build (estimates only).
 * </ol>
 *
 * <p>A build fails (an {@link IllegalStateException} whose message ends with the tail of FINN's
 * log, see {@link #logTail}) on a non-zero exit, on the timeout (the process and its descendants
 * are killed), and when the reports are missing. FINN's {@code run-docker.sh build_custom} runs
 * {@code build.py} under {@code python -mpdb -cc -cq}, which exits 0 even when the script fails;
 * for {@link Kind#DOCKER} the runner therefore also fails when the log shows pdb's {@code Uncaught
 * exception} or {@code The program exited via sys.exit(). Exit status: N} with N other than 0.
 */
public final class FinnRunner {
  /** The environment variable naming a FINN installation, read where the build runs. */
  public static final String FINN_HOME = "FINN_HOME";

  /** The build script of a build folder that FINN's Python (or run-docker.sh) runs. */
  public static final String BUILD_SCRIPT = "build.py";

  /** The subprocess' output, in the build folder. */
  public static final String RUNNER_LOG = "finn-runner.log";

  /** FINN's own build log, relative to the build folder. */
  public static final String BUILD_LOG = "output/build_dataflow.log";

  /** Lines of log in a failure message. */
  public static final int TAIL_LINES = 20;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_LINE = 400;
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
  private static final Pattern PDB_EXIT =
      Pattern.compile("The program exited via sys\\.exit\\(\\)\\. Exit status: ?(\\S*)");
  private static final String PDB_UNCAUGHT = "Uncaught exception. Entering post mortem debugging";

  /** Where the command came from. */
  public enum Kind {
    /** A configured command template with {@code {dir}}. */
    TEMPLATE,
    /** {@code $FINN_HOME/run-docker.sh build_custom {dir}}. */
    DOCKER,
    /** FINN's Python under {@code $FINN_HOME} running {@code build.py} in the folder. */
    PYTHON
  }

  private final List<String> template;
  private final Kind kind;
  private final Duration timeout;

  /**
   * A runner of a command template, which must contain {@code {dir}}.
   *
   * @throws IllegalArgumentException naming the template or timeout and what is allowed
   */
  public FinnRunner(String commandTemplate, Duration timeout) {
    this(checkTemplate(commandTemplate), Kind.TEMPLATE, timeout);
  }

  private FinnRunner(List<String> template, Kind kind, Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("finn timeout = " + timeout + ": must be > 0");
    }
    this.template = List.copyOf(template);
    this.kind = kind;
    this.timeout = timeout;
  }

  private static List<String> checkTemplate(String commandTemplate) {
    if (commandTemplate == null || !commandTemplate.contains("{dir}")) {
      throw new IllegalArgumentException(
          "finn command = '"
              + commandTemplate
              + "': must contain {dir}, e.g. 'finn build_dataflow {dir}'");
    }
    return List.of(commandTemplate.trim().split("\\s+"));
  }

  /**
   * The FINN runner to use: the command template if given, else the installation named by {@value
   * #FINN_HOME} in {@code env} (see {@link #fromFinnHome}), else none (estimates only). A blank
   * template or {@value #FINN_HOME} counts as unset.
   *
   * @param env the environment of the process that runs the build (e.g. {@code System.getenv()})
   * @throws IllegalArgumentException for a template without {@code {dir}}, a {@value #FINN_HOME}
   *     without a FINN in it, or a timeout that is not positive; one line naming the value and what
   *     is allowed or was looked for
   */
  public static Optional<FinnRunner> locate(
      Optional<String> commandTemplate, Map<String, String> env, Duration timeout) {
    if (commandTemplate.isPresent() && !commandTemplate.get().isBlank()) {
      return Optional.of(new FinnRunner(commandTemplate.get(), timeout));
    }
    String home = env.get(FINN_HOME);
    if (home == null || home.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(fromFinnHome(home, timeout));
  }

  /**
   * The runner of the FINN installation at {@code finnHome}: {@code run-docker.sh build_custom
   * {dir}} if {@code finnHome/run-docker.sh} exists, else the first executable of {@code
   * finnHome/python}, {@code finnHome/bin/python}, {@code finnHome/venv/bin/python} running {@code
   * build.py} in the folder. A relative path is taken from the JVM's working directory.
   *
   * @throws IllegalArgumentException (one line, naming the value and what was looked for) when
   *     {@code finnHome} is not a folder or holds none of these
   */
  public static FinnRunner fromFinnHome(String finnHome, Duration timeout) {
    String must =
        "it must be a FINN checkout (with run-docker.sh) or hold FINN's Python (an executable"
            + " python, bin/python or venv/bin/python)";
    Path h;
    try {
      h = Path.of(finnHome.trim()).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          FINN_HOME + " = '" + finnHome + "': not a valid path; " + must);
    }
    if (!Files.isDirectory(h)) {
      throw new IllegalArgumentException(
          FINN_HOME + " = '" + finnHome + "': no such folder; " + must);
    }
    Path docker = h.resolve("run-docker.sh");
    if (Files.isRegularFile(docker)) {
      return new FinnRunner(
          List.of(docker.toString(), "build_custom", "{dir}"), Kind.DOCKER, timeout);
    }
    for (String py : List.of("python", "bin/python", "venv/bin/python")) {
      Path p = h.resolve(py);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return new FinnRunner(List.of(p.toString(), BUILD_SCRIPT), Kind.PYTHON, timeout);
      }
    }
    throw new IllegalArgumentException(
        FINN_HOME
            + " = '"
            + finnHome
            + "': holds neither run-docker.sh (a FINN checkout, FINN's Docker flow) nor an"
            + " executable python, bin/python or venv/bin/python (FINN's Python)");
  }

  /** Where the command came from. */
  public Kind kind() {
    return kind;
  }

  /** The timeout of one build. */
  public Duration timeout() {
    return timeout;
  }

  /** The command for {@code dir} (run with {@code dir} as the working directory). */
  public List<String> command(Path dir) {
    String abs = dir.toAbsolutePath().toString();
    return template.stream().map(t -> t.replace("{dir}", abs)).toList();
  }

  /** The files the build folder must hold before the run. */
  List<String> requiredFiles() {
    List<String> req =
        new ArrayList<>(List.of(FinnBuildPackage.MODEL, "dataflow_build_config.json"));
    if (kind != Kind.TEMPLATE) {
      req.add(BUILD_SCRIPT);
    }
    return req;
  }

  /**
   * Runs FINN on {@code dir} (which must hold model.onnx and dataflow_build_config.json, and
   * build.py unless the command is a template) and returns the reports it wrote ({@code
   * output/report/}, else {@code report/}).
   *
   * @throws IllegalStateException when the build fails, times out or writes no reports; the message
   *     ends with the tail of FINN's log ({@link #logTail})
   */
  public HwReport run(Path dir) throws IOException, InterruptedException {
    for (String f : requiredFiles()) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new IllegalStateException("FINN build folder " + dir + " lacks " + f);
      }
    }
    Path log = dir.resolve(RUNNER_LOG);
    ProcessBuilder pb =
        new ProcessBuilder(command(dir))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    if (kind == Kind.PYTHON && !pb.environment().containsKey("FINN_BUILD_DIR")) {
      Path tmp = Files.createDirectories(dir.resolve("finn-tmp"));
      pb.environment().put("FINN_BUILD_DIR", tmp.toAbsolutePath().toString());
    }
    Process p = pb.start();
    // No input: a prompt (e.g. pdb's after a failure) reads end-of-file instead of waiting.
    p.getOutputStream().close();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      // the parent first, so that it cannot start another child (e.g. a build step writing
      // into dir) once the ones it has are killed; then those children, and wait for all
      List<ProcessHandle> children = p.descendants().toList();
      p.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
      p.waitFor(10, TimeUnit.SECONDS);
      for (ProcessHandle c : children) {
        try {
          c.onExit().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          // reported through the exception below; the child may outlive us
        }
      }
      throw new IllegalStateException(
          "FINN build in " + dir + " timed out after " + timeout + "; " + logTail(dir));
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "FINN build in " + dir + " failed with exit code " + p.exitValue() + "; " + logTail(dir));
    }
    if (kind == Kind.DOCKER) {
      Optional<String> pdb = pdbFailure(readLog(log));
      if (pdb.isPresent()) {
        throw new IllegalStateException(
            "FINN build in " + dir + " failed: " + pdb.get() + "; " + logTail(dir));
      }
    }
    for (Path r : List.of(dir.resolve("output").resolve("report"), dir.resolve("report"))) {
      if (Files.isDirectory(r)) {
        try {
          return readReports(r);
        } catch (RuntimeException | IOException e) {
          throw new IllegalStateException(
              "FINN build in " + dir + ": " + e.getMessage() + "; " + logTail(dir), e);
        }
      }
    }
    throw new IllegalStateException(
        "FINN build in " + dir + " wrote no output/report folder; " + logTail(dir));
  }

  /**
   * Why a zero exit of {@code run-docker.sh build_custom} was a failure, from pdb's lines in its
   * log: build.py raised ({@code Uncaught exception}) or exited with a status other than 0.
   */
  static Optional<String> pdbFailure(List<String> log) {
    for (String l : log) {
      if (l.contains(PDB_UNCAUGHT)) {
        return Optional.of("build.py raised an exception (pdb: '" + PDB_UNCAUGHT + "')");
      }
      Matcher m = PDB_EXIT.matcher(l);
      if (m.find()) {
        String status = m.group(1);
        if (!status.equals("0") && !status.equals("None") && !status.isEmpty()) {
          return Optional.of("build.py exited with status " + status);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The last {@value #TAIL_LINES} lines of FINN's log for a failure message, headed by the file
   * they come from: the runner log's, unless it has fewer than {@value #TAIL_LINES} lines and
   * FINN's {@value #BUILD_LOG} exists (FINN writes its step output and tracebacks there and prints
   * little to the console), then that file's. Terminal colour codes are removed and lines longer
   * than 400 characters cut.
   */
  public static String logTail(Path dir) throws IOException {
    List<String> runner = readLog(dir.resolve(RUNNER_LOG));
    Path buildLog = dir.resolve(BUILD_LOG);
    String name = RUNNER_LOG;
    List<String> lines = runner;
    if (runner.size() < TAIL_LINES && Files.isRegularFile(buildLog)) {
      name = BUILD_LOG;
      lines = readLog(buildLog);
    }
    List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
    if (tail.isEmpty()) {
      return name + " is empty";
    }
    return "tail of " + name + ":\n" + String.join("\n", tail);
  }

  /** The lines of a log (none if it does not exist), without colour codes, long lines cut. */
  private static List<String> readLog(Path log) throws IOException {
    if (!Files.isRegularFile(log)) {
      return List.of();
    }
    String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    for (String l : text.split("\r?\n|\r", -1)) {
      String c = ANSI.matcher(l).replaceAll("");
      out.add(c.length() > MAX_LINE ? c.substring(0, MAX_LINE) + " ..." : c);
    }
    // a final line break does not start another line
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /** Reads FINN's four estimate reports from a {@code report/} folder. */
  public static HwReport readReports(Path reportDir) throws IOException {
    JsonNode cyc = read(reportDir, "estimate_layer_cycles.json");
    JsonNode res = read(reportDir, "estimate_layer_resources.json");
    JsonNode perf = read(reportDir, "estimate_network_performance.json");
    Path countsFile = reportDir.resolve("op_and_param_counts.json");
    JsonNode counts =
        Files.isRegularFile(countsFile)
            ? MAPPER.readTree(countsFile.toFile())
            : MAPPER.createObjectNode();
    Map<String, Long> cycles = new LinkedHashMap<>();
    cyc.fields().forEachRemaining(e -> cycles.put(e.getKey(), e.getValue().asLong()));
    Map<String, Resources> layers = new LinkedHashMap<>();
    Resources total = Resources.ZERO;
    for (Iterator<Map.Entry<String, JsonNode>> it = res.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      Resources r =
          new Resources(
              v.path("BRAM_18K").asDouble(),
              v.path("BRAM_efficiency").asDouble(1),
              v.path("LUT").asDouble(),
              v.path("URAM").asDouble(),
              v.path("URAM_efficiency").asDouble(1),
              v.path("DSP").asDouble());
      if (e.getKey().equals("total")) {
        total = r;
      } else {
        layers.put(e.getKey(), r);
      }
    }
    Map<String, Map<String, Long>> c = new LinkedHashMap<>();
    counts
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals("total")) {
                Map<String, Long> m = new LinkedHashMap<>();
                e.getValue()
                    .fields()
                    .forEachRemaining(f -> m.put(f.getKey(), f.getValue().asLong()));
                c.put(e.getKey(), m);
              }
            });
    return new HwReport(
        cycles,
        layers,
        total,
        c,
        require(perf, "critical_path_cycles").asLong(),
        require(perf, "max_cycles").asLong(),
        require(perf, "max_cycles_node_name").asText(),
        require(perf, "estimated_throughput_fps").asDouble(),
        require(perf, "estimated_latency_ns").asDouble());
  }

  private static JsonNode read(Path dir, String name) throws IOException {
    Path f = dir.resolve(name);
    if (!Files.isRegularFile(f)) {
      throw new IllegalStateException("FINN report " + f + " is missing");
    }
    return MAPPER.readTree(f.toFile());
  }

  private static JsonNode require(JsonNode o, String k) {
    JsonNode v = o.get(k);
    if (v == null) {
      throw new IllegalStateException("estimate_network_performance.json lacks '" + k + "'");
    }
    return v;
  }

  /** The command template tokens (for diagnostics). */
  public List<String> template() {
    return new ArrayList<>(template);
  }
}
