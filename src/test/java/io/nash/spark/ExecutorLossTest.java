package io.nash.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.nn.SupernetSpec;
import io.nash.pipeline.SynthesisDriver;
import io.nash.search.Candidate;
import io.nash.search.CandidateEnumerator;
import io.nash.search.DatasetSearchData;
import io.nash.search.SupernetFactory;
import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.engine.CandidateRow;
import io.nash.search.engine.EvalSettings;
import io.nash.search.engine.RoundStats;
import io.nash.search.engine.SearchDriver;
import io.nash.search.engine.SearchSettings;
import io.nash.space.ArchWeights;
import io.nash.space.Backbone;
import io.nash.space.NashVersion;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import io.nash.store.UnitCommitter;
import io.nash.synth.CandidateSelection;
import io.nash.synth.SynthesisSettings;
import io.nash.testutil.SparkTestBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Executor loss: in {@code local-cluster[2,1,1536]} (two executor JVMs) with the DJL supernet, one
 * executor JVM is killed with SIGKILL (found by pid among this JVM's child processes) while a stage
 * runs one of its tasks; Spark reruns the lost task, the standalone worker starts a replacement
 * executor, and each stage's result is bit for bit the undisturbed run's: the search (alpha and
 * weights; the replacement rebuilds its weight replica from the broadcast base and deltas), the
 * candidate stage (every row field but the wall time) and the synthesis stage (every file of every
 * committed hardware unit). The stages chain as in a run: the candidates come from the searched
 * alpha and weights, synthesis reads the committed candidates table.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutorLossTest extends SparkTestBase {
  private static final String MASTER = "local-cluster[2,1,1536]";
  private static final String RUN = "exekill";

  // ResNet18/V1 at width 4 on 1x16x16 synthetic images: 256 images, 128 for the weights, so with
  // 2 partitions of batch 16 an epoch is 4 rounds; 6 rounds
  private static final SupernetSpec SPEC =
      SupernetSpec.of(Backbone.RESNET18, NashVersion.V1, 4, 1, 16, 4);
  private static final ModelSpec MODEL =
      new ModelSpec(SupernetFactory.class.getName(), SupernetFactory.settings(SPEC, 1));
  private static final DataSpec DATA =
      new DataSpec(
          DatasetSearchData.class.getName(),
          DatasetSearchData.spec(
              "synthetic?train=256&test=8&classes=4&channels=1&size=16&seed=3", 0, 0, 0.5),
          Map.of());
  private static final SearchSettings SEARCH =
      SearchSettings.builder(RUN)
          .seed(5)
          .rounds(6)
          .partitions(2)
          .localSteps(1)
          .batchSize(16)
          .build();
  private static final EvalSettings EVAL =
      EvalSettings.builder().bnBatches(2).batchSize(32).validSamples(128).seed(5).build();

  private SearchDriver.Result clean;
  private List<Candidate> candidates;
  private List<CandidateRow> cleanRows;

  @BeforeAll
  void undisturbedRun() {
    clean = SparkSearch.run(spark(MASTER), SEARCH, MODEL, DATA, null, null);
    ArchWeights alpha =
        ArchWeights.fromFlat(Backbone.RESNET18, NashVersion.V1, clean.state().alpha());
    candidates = CandidateEnumerator.enumerate(alpha, 2, 2, 17);
    cleanRows = evaluate(spark(MASTER));
  }

  @Test
  void anExecutorKilledDuringASearchRoundLeavesAlphaAndWeightsBitEqual() {
    SparkSession spark = spark(MASTER);
    // round 3 of 6: the next rounds run once the replacement is up, so it takes part in them
    ExecutorKiller k = ExecutorKiller.arm(spark, "nash search " + RUN + " round 3/");
    Consumer<RoundStats> waitForReplacement =
        r -> {
          if (k.killed() != null && !k.replaced) {
            k.awaitReplacement();
          }
        };
    SearchDriver.Result killed;
    try {
      killed = SparkSearch.run(spark, SEARCH, MODEL, DATA, null, waitForReplacement);
    } finally {
      k.disarm();
    }
    k.assertKilledAndReplaced();
    assertTrue(
        k.ranAfterKill.stream().anyMatch(e -> !k.before.contains(e)),
        "the replacement executor ran rounds after the kill: " + k.ranAfterKill);
    assertEquals(SEARCH.rounds(), killed.rounds().size());
    assertArrayEquals(bits(clean.state().alpha()), bits(killed.state().alpha()), "alpha");
    assertArrayEquals(bits(clean.state().weights()), bits(killed.state().weights()), "weights");
  }

  @Test
  void anExecutorKilledDuringTheCandidateStageLeavesTheRowsEqual() {
    SparkSession spark = spark(MASTER);
    ExecutorKiller k = ExecutorKiller.arm(spark, "nash candidates " + RUN + ":");
    List<CandidateRow> rows;
    try {
      rows = evaluate(spark);
    } finally {
      k.disarm();
    }
    k.assertKilledAndReplaced();
    assertEquals(candidates.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(
          CandidateStageTest.fields(cleanRows.get(i)),
          CandidateStageTest.fields(rows.get(i)),
          "row " + i);
    }
    assertTrue(rows.stream().allMatch(CandidateRow::ok), "every candidate evaluated");
  }

  @Test
  void anExecutorKilledDuringSynthesisLeavesTheHardwareUnitsEqual(@TempDir Path dir) {
    SparkSession spark = spark(MASTER);
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put(SynthesisSettings.DEVICES, "U250,ZCU104");
    conf.put(SynthesisSettings.INPUT, "1x16x16");
    conf.put(SynthesisSettings.CLASSES, "4");
    conf.put(SynthesisSettings.WIDTH, "4");
    conf.put(SynthesisSettings.FINN, "off");
    conf.put(SynthesisSettings.TARGET_FPS, "2000");
    SynthesisSettings s = SynthesisSettings.of(conf);
    StoreSpec cleanStore = new StoreSpec(dir.resolve("clean").toUri().toString(), Map.of());
    StoreSpec killedStore = new StoreSpec(dir.resolve("killed").toUri().toString(), Map.of());
    Map<String, Map<String, String>> want = synthesize(spark, cleanStore, s);
    ExecutorKiller k = ExecutorKiller.arm(spark, "nash synthesize " + RUN + ":");
    Map<String, Map<String, String>> got;
    try {
      got = synthesize(spark, killedStore, s);
    } finally {
      k.disarm();
    }
    k.assertKilledAndReplaced();
    // (candidates + baseline) x 2 devices
    assertEquals(2 * (candidates.size() + 1), want.size(), want.keySet().toString());
    assertEquals(want.keySet(), got.keySet());
    for (String unit : want.keySet()) {
      assertEquals(want.get(unit), got.get(unit), unit);
    }
  }

  /** The candidate stage over the clean run's candidates and weights, one candidate per task. */
  private List<CandidateRow> evaluate(SparkSession spark) {
    return new SparkCandidateEngine(spark, RUN, MODEL, DATA, 1)
        .evaluate(
            candidates.stream().map(Candidate::request).toList(), clean.state().weights(), EVAL);
  }

  /**
   * Commits the clean candidates table in {@code spec}, runs the synthesis stage over it and
   * returns every committed unit's files (name to text) by "candidate/device".
   */
  private Map<String, Map<String, String>> synthesize(
      SparkSession spark, StoreSpec spec, SynthesisSettings s) {
    try (Store st = spec.open()) {
      assertEquals(
          UnitCommitter.Outcome.COMMITTED, SparkCandidateEngine.write(spark, st, RUN, cleanRows));
      SynthesisDriver.Summary sum =
          new SynthesisDriver(st, new SparkSynthesisEngine(spark, spec))
              .run(RUN, s, CandidateSelection.Mode.ALL, true, Backbone.RESNET18);
      assertEquals(sum.launched(), sum.committed());
      Map<String, Map<String, String>> units = new TreeMap<>();
      for (RunLayout.HwRef ref : RunLayout.committedHwResults(st, RUN)) {
        var unit =
            UnitCommitter.open(st, RunLayout.hw(RUN, ref.candidateId(), ref.device()))
                .orElseThrow();
        Map<String, String> files = new TreeMap<>();
        for (String name : unit.names()) {
          files.put(name, new String(unit.read(name).orElseThrow(), StandardCharsets.UTF_8));
        }
        units.put(ref.candidateId() + "/" + ref.device(), files);
      }
      return units;
    }
  }

  private static int[] bits(float[] v) {
    int[] b = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Float.floatToRawIntBits(v[i]);
    }
    return b;
  }

  /**
   * Kills, with SIGKILL, the executor JVM that runs the first task of the first job whose
   * description starts with a prefix, and records what Spark does about it: the tasks lost with it,
   * the executors removed and added, the executors that ran tasks after the kill.
   */
  static final class ExecutorKiller extends SparkListener {
    private final SparkContext sc;
    private final String jobPrefix;
    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
    final Set<String> before = ConcurrentHashMap.newKeySet();
    final Set<String> removed = ConcurrentHashMap.newKeySet();
    final Set<String> added = ConcurrentHashMap.newKeySet();
    final Set<String> ranAfterKill = ConcurrentHashMap.newKeySet();
    final AtomicInteger lostTasks = new AtomicInteger();
    private volatile String killed;
    private volatile long pid = -1;
    private volatile Throwable error;
    volatile boolean replaced;

    private ExecutorKiller(SparkContext sc, String jobPrefix) {
      this.sc = sc;
      this.jobPrefix = jobPrefix;
    }

    static ExecutorKiller arm(SparkSession spark, String jobPrefix) {
      ExecutorKiller k = new ExecutorKiller(spark.sparkContext(), jobPrefix);
      awaitExecutors(k.sc, 2, 120);
      k.before.addAll(executorIds(k.sc));
      spark.sparkContext().addSparkListener(k);
      return k;
    }

    /** Waits until the listener has seen every event posted so far. */
    private void drain() {
      try {
        sc.listenerBus().waitUntilEmpty();
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("listener events not delivered", e);
      }
    }

    String killed() {
      return killed;
    }

    void disarm() {
      drain();
      sc.removeSparkListener(this);
    }

    @Override
    public void onJobStart(SparkListenerJobStart e) {
      String d =
          e.properties() == null ? null : e.properties().getProperty("spark.job.description");
      if (d != null && d.startsWith(jobPrefix)) {
        for (Object id : CollectionConverters.asJava(e.stageIds())) {
          stages.add((Integer) id);
        }
      }
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart e) {
      if (killed != null || !stages.contains(e.stageId())) {
        return;
      }
      String exec = e.taskInfo().executorId();
      try {
        pid = kill(sc.applicationId(), exec);
        killed = exec;
      } catch (RuntimeException ex) {
        error = ex;
        killed = "failed";
      }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
      if (e.reason() instanceof ExecutorLostFailure) {
        lostTasks.incrementAndGet();
      } else if (killed != null && e.taskInfo().successful()) {
        ranAfterKill.add(e.taskInfo().executorId());
      }
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
      removed.add(e.executorId());
    }

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded e) {
      added.add(e.executorId());
    }

    /** Blocks until two executors run again, the killed one not among them. */
    void awaitReplacement() {
      awaitExecutors(sc, 2, 120);
      assertFalse(executorIds(sc).contains(killed), "executor " + killed + " still listed");
      replaced = true;
    }

    /**
     * The kill hit an executor while it ran a task of the job, Spark removed it and lost at least
     * that task, and a new executor took its place.
     */
    void assertKilledAndReplaced() {
      drain();
      assertNull(error, () -> "the kill failed: " + error);
      assertNotNull(killed, "no task of a job '" + jobPrefix + "...' started");
      assertTrue(pid > 0);
      assertTrue(removed.contains(killed), "executor " + killed + " removed: " + removed);
      assertTrue(lostTasks.get() >= 1, "a running task was lost with executor " + killed);
      if (!replaced) {
        awaitReplacement();
      }
    }

    /** The executor ids (the driver left out). */
    static Set<String> executorIds(SparkContext sc) {
      return Set.copyOf(CollectionConverters.asJava(sc.getExecutorIds()));
    }

    static void awaitExecutors(SparkContext sc, int n, int seconds) {
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      while (sc.getExecutorIds().size() < n) {
        if (System.nanoTime() > end) {
          throw new AssertionError(
              n + " executors not up after " + seconds + " s: " + executorIds(sc));
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          throw new AssertionError(ex);
        }
      }
    }

    /**
     * SIGKILLs the executor JVM of application {@code appId} with id {@code executorId}: a child
     * process of this JVM (local-cluster's workers run here and start executors as processes)
     * running CoarseGrainedExecutorBackend with those arguments. Returns its pid.
     */
    static long kill(String appId, String executorId) {
      List<ProcessHandle> hits =
          ProcessHandle.current()
              .descendants()
              .filter(
                  p -> {
                    List<String> args = Arrays.asList(p.info().arguments().orElse(new String[0]));
                    int e = args.indexOf("--executor-id");
                    int a = args.indexOf("--app-id");
                    return args.stream().anyMatch(x -> x.endsWith("CoarseGrainedExecutorBackend"))
                        && e >= 0
                        && e + 1 < args.size()
                        && args.get(e + 1).equals(executorId)
                        && a >= 0
                        && a + 1 < args.size()
                        && args.get(a + 1).equals(appId);
                  })
              .toList();
      if (hits.size() != 1) {
        throw new IllegalStateException(
            hits.size() + " processes of executor " + executorId + " of " + appId);
      }
      ProcessHandle p = hits.get(0);
      if (!p.destroyForcibly()) {
        throw new IllegalStateException("could not signal pid " + p.pid());
      }
      return p.pid();
    }
  }
}
