package io.nash.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nash.pareto.ParetoPoint;
import java.util.List;

/**
 * One write-once version of the global Pareto state, stored as {@code
 * pareto/fronts/front-<version>-<uuid>.json}: the front, every point read so far (the archive,
 * whose ids are the manifest of what has been read), and the versions it supersedes. The current
 * state is the merge of all "heads" (versions no other version names as a parent), so two refreshes
 * racing never lose a result. Immutable and thread-safe.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record FrontVersion(
    @JsonProperty("schema") int schema,
    @JsonProperty("version") long version,
    @JsonProperty("id") String id,
    @JsonProperty("objectives") String objectives,
    @JsonProperty("parents") List<String> parents,
    @JsonProperty("front") List<ParetoPoint> front,
    @JsonProperty("archive") List<ParetoPoint> archive) {

  public FrontVersion {
    if (schema != 1 || id == null || objectives == null) {
      throw new IllegalArgumentException("front version: need schema 1, id and objectives");
    }
    parents = List.copyOf(parents == null ? List.of() : parents);
    front = List.copyOf(front == null ? List.of() : front);
    archive = List.copyOf(archive == null ? List.of() : archive);
  }

  /** Object name: version zero-padded so names sort by version. */
  public String fileName() {
    return String.format("front-%09d-%s.json", version, id);
  }
}
