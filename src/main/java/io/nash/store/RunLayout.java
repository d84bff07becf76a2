package io.nash.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Store-relative paths of the run layout in architecture.md, and listings of what is committed.
 * Stateless and thread-safe.
 *
 * <pre>
 * runs/&lt;run&gt;/config.json                      resolved settings + provenance (secrets removed)
 * runs/&lt;run&gt;/checkpoints/round-&lt;n&gt;/           committed unit (SearchState)
 * runs/&lt;run&gt;/alpha.json                       final architecture distribution
 * runs/&lt;run&gt;/candidates/&lt;cand&gt;/              genotype.json, accuracy.json, model.onnx
 * runs/&lt;run&gt;/candidates/&lt;cand&gt;/hw/&lt;device&gt;/  committed unit: result.json + FINN files
 * runs/&lt;run&gt;/candidates-table/               committed unit: candidates.json, candidates.parquet/
 * pareto/front.json, front.csv, report.html, refresh-manifest.json, fronts/front-&lt;v&gt;-&lt;uuid&gt;.json
 * </pre>
 */
public final class RunLayout {
  private RunLayout() {}

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  public static final String RUNS = "runs";
  public static final String PARETO = "pareto";
  public static final String FRONT_JSON = "pareto/front.json";
  public static final String FRONT_CSV = "pareto/front.csv";
  public static final String REPORT_HTML = "pareto/report.html";
  public static final String REFRESH_MANIFEST = "pareto/refresh-manifest.json";
  public static final String FRONT_VERSIONS = "pareto/fronts";

  /** File name of a hardware result inside its unit. */
  public static final String RESULT_JSON = "result.json";

  /**
   * Checks a run, candidate or device id: letters, digits, '.', '_', '-', starting with a letter or
   * digit, at most 128 characters (so ids are safe as S3 keys and never look like temp names).
   */
  public static String checkId(String what, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          what + " = '" + id + "': must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    }
    return id;
  }

  public static String run(String runId) {
    return RUNS + "/" + checkId("run id", runId);
  }

  public static String config(String runId) {
    return run(runId) + "/config.json";
  }

  public static String checkpoint(String runId, int round) {
    if (round < 0) {
      throw new IllegalArgumentException("checkpoint round = " + round + ": must be >= 0");
    }
    return run(runId) + "/checkpoints/round-" + round;
  }

  public static String alpha(String runId) {
    return run(runId) + "/alpha.json";
  }

  public static String candidate(String runId, String candidateId) {
    return run(runId) + "/candidates/" + checkId("candidate id", candidateId);
  }

  /** The QONNX export of a retrained candidate (written by retraining, read by synthesis). */
  public static String model(String runId, String candidateId) {
    return candidate(runId, candidateId) + "/model.onnx";
  }

  /** The candidates table: one committed unit with {@link #CANDIDATES_JSON} and Parquet. */
  public static String candidatesTable(String runId) {
    return run(runId) + "/candidates-table";
  }

  /** The committed candidates table's JSON, or empty while the table is not committed. */
  public static Optional<byte[]> candidatesJson(Store store, String runId) {
    return UnitCommitter.open(store, candidatesTable(runId)).flatMap(u -> u.read(CANDIDATES_JSON));
  }

  /** The JSON file of the candidates table unit. */
  public static final String CANDIDATES_JSON = "candidates.json";

  /** The Parquet folder of the candidates table unit ({@code candidates.parquet/part-*}). */
  public static final String CANDIDATES_PARQUET = "candidates.parquet";

  public static String hw(String runId, String candidateId, String device) {
    return candidate(runId, candidateId) + "/hw/" + checkId("device", device);
  }

  /** Runs whose config.json exists and parses (a run is created by committing its config). */
  public static List<String> committedRuns(Store store) {
    List<String> out = new ArrayList<>();
    for (String id : store.list(RUNS)) {
      if (ID.matcher(id).matches()
          && store.getJson(config(id), com.fasterxml.jackson.databind.JsonNode.class).isPresent()) {
        out.add(id);
      }
    }
    return out;
  }

  /** A reference to one committed hardware result unit. */
  public record HwRef(String runId, String candidateId, String device) {
    /** Stable key used by refresh manifests and as the Pareto point id. */
    public String key() {
      return runId + "/" + candidateId + "/" + device;
    }

    public String dir() {
      return hw(runId, candidateId, device);
    }
  }

  /** Every committed (candidate, device) hardware unit of a run; uncommitted ones are invisible. */
  public static List<HwRef> committedHwResults(Store store, String runId) {
    List<HwRef> out = new ArrayList<>();
    for (String cand : store.list(run(runId) + "/candidates")) {
      if (!ID.matcher(cand).matches()) {
        continue;
      }
      for (String device : store.list(candidate(runId, cand) + "/hw")) {
        if (ID.matcher(device).matches()
            && UnitCommitter.isCommitted(store, hw(runId, cand, device))) {
          out.add(new HwRef(runId, cand, device));
        }
      }
    }
    return out;
  }

  /** The newest committed checkpoint round of a run, if any (for --resume). */
  public static Optional<Integer> latestCheckpoint(Store store, String runId) {
    int best = -1;
    for (String name : store.list(run(runId) + "/checkpoints")) {
      if (name.matches("round-\\d{1,9}")
          && UnitCommitter.open(store, run(runId) + "/checkpoints/" + name).isPresent()) {
        best = Math.max(best, Integer.parseInt(name.substring(6)));
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(best);
  }
}
