package io.nash.pipeline;

import io.nash.pareto.Objectives;
import io.nash.pareto.ParetoAnalysis;
import io.nash.pareto.ParetoMerge;
import io.nash.pareto.ParetoPoint;
import io.nash.report.Csv;
import io.nash.report.ReportPage;
import io.nash.store.CandidateResult;
import io.nash.store.CandidateTarget;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The driver-side Pareto refresh ({@code nash pareto refresh}): reads the committed hardware
 * results not read before, merges them into the current front and publishes {@code
 * pareto/front.json}, {@code front.csv}, {@code report.html} and {@code refresh-manifest.json}.
 *
 * <p>Concurrency. Each refresh writes its state as a new write-once {@link FrontVersion} naming the
 * heads it merged as parents, then re-lists: if other heads appeared meanwhile it merges them and
 * writes again, until its version is the only head; only then does it write the views, and it
 * re-checks afterwards (a view written by a refresh that has since been superseded is rewritten by
 * the superseding one, which writes later). Results are never lost because the authority is the set
 * of heads, not front.json. Thread-safe if the store is; one instance may serve several threads.
 */
public final class ParetoRefresher {
  private static final int MAX_ROUNDS = 50;
  private final Store store;
  private final Objectives objectives;

  public ParetoRefresher(Store store, Objectives objectives) {
    this.store = store;
    this.objectives = objectives;
  }

  /**
   * What one refresh did: the number and front of the version it wrote, the ids of the results it
   * read for the first time and how many merge rounds it took.
   */
  public record Result(long version, List<ParetoPoint> front, List<String> newlyRead, int rounds) {
    public Result {
      front = List.copyOf(front);
      newlyRead = List.copyOf(newlyRead);
    }

    private static Result of(FrontVersion v, List<ParetoPoint> added, int rounds) {
      return new Result(
          v.version(), v.front(), added.stream().map(ParetoPoint::id).toList(), rounds);
    }
  }

  /** Reads new results, merges, publishes. */
  public Result refresh() {
    Map<String, FrontVersion> heads = heads();
    FrontVersion base = mergeHeads(heads);
    Set<String> known = new HashSet<>();
    base.archive().forEach(p -> known.add(p.id()));
    List<ParetoPoint> added = new ArrayList<>();
    for (String run : RunLayout.committedRuns(store)) {
      Map<String, CandidateTarget> targets = null; // read once per run, when needed
      for (RunLayout.HwRef ref : RunLayout.committedHwResults(store, run)) {
        if (!known.contains(ref.key())) {
          if (targets == null) {
            targets = CandidateTarget.read(store, run);
          }
          Map<String, CandidateTarget> t = targets;
          CandidateResult.read(store, ref)
              .map(r -> ResultPoints.toPoint(r, t.get(r.candidateId())))
              .ifPresent(added::add);
        }
      }
    }
    FrontVersion mine = publishVersion(base, added, List.copyOf(heads.keySet()));
    int rounds = 1;
    while (true) {
      Map<String, FrontVersion> now = heads();
      if (now.size() == 1 && now.containsKey(mine.fileName())) {
        writeViews(mine);
        if (heads().keySet().equals(Set.of(mine.fileName()))) {
          return Result.of(mine, added, rounds);
        }
        continue;
      }
      if (!now.containsKey(mine.fileName())) {
        // Another refresh merged our version into its own; it publishes the views.
        return Result.of(mine, added, rounds);
      }
      if (++rounds > MAX_ROUNDS) {
        throw new IllegalStateException(
            "pareto refresh did not converge after " + MAX_ROUNDS + " merges");
      }
      backoff(rounds);
      now = heads();
      if (!now.containsKey(mine.fileName())) {
        continue;
      }
      mine = publishVersion(mergeHeads(now), List.of(), List.copyOf(now.keySet()));
    }
  }

  /** A short random pause so racing refreshes stop merging in lock-step. */
  private static void backoff(int round) {
    try {
      Thread.sleep(
          java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L * Math.min(round, 10)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("pareto refresh interrupted", e);
    }
  }

  /** The current state: the merge of all head versions (empty if none). */
  FrontVersion current() {
    return mergeHeads(heads());
  }

  private FrontVersion publishVersion(
      FrontVersion base, List<ParetoPoint> added, List<String> parents) {
    ParetoAnalysis a = ParetoMerge.merge(objectives, base.front(), added);
    List<ParetoPoint> archive = new ArrayList<>(base.archive());
    archive.addAll(added);
    archive.sort(java.util.Comparator.comparing(ParetoPoint::id));
    FrontVersion v =
        new FrontVersion(
            1,
            base.version() + 1,
            UUID.randomUUID().toString(),
            objectives.toString(),
            parents,
            a.front(),
            archive);
    store.putNew(RunLayout.FRONT_VERSIONS + "/" + v.fileName(), Store.toJson(v));
    return v;
  }

  /**
   * Versions not superseded by another (readable ones only; corrupt ones are warned and skipped).
   */
  Map<String, FrontVersion> heads() {
    Map<String, FrontVersion> all = new TreeMap<>();
    for (String name : store.list(RunLayout.FRONT_VERSIONS)) {
      store
          .getJson(RunLayout.FRONT_VERSIONS + "/" + name, FrontVersion.class)
          .ifPresent(v -> all.put(name, v));
    }
    Set<String> superseded = new HashSet<>();
    all.values().forEach(v -> superseded.addAll(v.parents()));
    all.keySet().removeAll(superseded);
    return all;
  }

  /**
   * One state holding every head's points: union of archives, front = front of the union of fronts.
   * Heads computed over other objectives contribute nothing, so their results are re-read.
   */
  FrontVersion mergeHeads(Map<String, FrontVersion> heads) {
    Map<String, ParetoPoint> archive = new LinkedHashMap<>();
    List<ParetoPoint> fronts = new ArrayList<>();
    long version = 0;
    for (FrontVersion h : heads.values()) {
      version = Math.max(version, h.version());
      if (h.objectives().equals(objectives.toString())) {
        h.archive().forEach(p -> archive.putIfAbsent(p.id(), p));
        h.front().forEach(p -> fronts.add(p));
      }
    }
    Map<String, ParetoPoint> uniqueFront = new LinkedHashMap<>();
    fronts.forEach(p -> uniqueFront.putIfAbsent(p.id(), p));
    List<ParetoPoint> front = ParetoAnalysis.of(objectives, uniqueFront.values()).front();
    return new FrontVersion(
        1,
        version,
        "merged",
        objectives.toString(),
        List.copyOf(heads.keySet()),
        front,
        List.copyOf(archive.values()));
  }

  private void writeViews(FrontVersion v) {
    ParetoAnalysis a = ParetoAnalysis.of(objectives, v.front());
    Map<String, Object> front = new LinkedHashMap<>();
    front.put("version", v.version());
    front.put("versionObject", RunLayout.FRONT_VERSIONS + "/" + v.fileName());
    front.put("objectives", v.objectives());
    front.put("points", v.archive().size());
    if (!a.front().isEmpty()) {
      Map<String, Double> ref = ParetoMerge.referenceFromWorst(v.archive(), objectives, 0.1);
      front.put("hypervolumeReference", ref);
      front.put("hypervolume", a.hypervolume(ref));
    }
    front.put("front", v.front());
    store.putJson(RunLayout.FRONT_JSON, front);
    store.put(
        RunLayout.FRONT_CSV,
        Csv.write(v.front(), ResultPoints.METRICS, ResultPoints.ATTRIBUTES)
            .getBytes(StandardCharsets.UTF_8));
    ParetoAnalysis all = ParetoAnalysis.of(objectives, v.archive());
    store.put(
        RunLayout.REPORT_HTML,
        ReportPage.html(
                "NASH Pareto front (version " + v.version() + ")",
                v.archive(),
                new ParetoAnalysis(
                    objectives, v.front(), all.ranks(), all.crowding(), all.excluded()),
                "../runs/")
            .getBytes(StandardCharsets.UTF_8));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("version", v.version());
    manifest.put("versionObject", RunLayout.FRONT_VERSIONS + "/" + v.fileName());
    manifest.put("read", v.archive().stream().map(ParetoPoint::id).toList());
    store.putJson(RunLayout.REFRESH_MANIFEST, manifest);
  }
}
