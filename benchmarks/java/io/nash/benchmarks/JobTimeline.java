package io.nash.benchmarks;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;

/**
 * A Spark listener that breaks each finished job's wall time into where it went, from the task
 * metrics Spark reports: scheduling until the first task launched, task deserialization, task run
 * time, result serialization, the driver's fetch of large results, JVM GC, the tail from the last
 * task's end to the job's end (the driver's final merge), the launch spread (first to last task
 * launch: the driver serializes and sends the tasks one after another), and the transit: a task's
 * launch-to-finish time on the driver's clock minus the executor's deserialization, run and result
 * serialization and any result fetch, i.e. the task's trip to the executor and its result's trip
 * back until the driver took it. What {@link RoundBenchmark} prints next to each round, so the
 * Spark overhead share comes with its parts. Thread-safe: Spark's listener thread writes, a caller
 * takes finished jobs.
 */
public final class JobTimeline extends SparkListener {

  /** Milliseconds of one finished job, task figures summed over its tasks. */
  public record Job(
      int jobId,
      long wallMs,
      long scheduleMs,
      long deserializeMs,
      long runMs,
      long serializeMs,
      long fetchMs,
      long gcMs,
      long tailMs,
      long launchSpreadMs,
      long transitMs,
      int tasks) {

    /** The figures as JSON members (no braces), prefixed {@code spark_}. */
    public String json() {
      return String.format(
          Locale.ROOT,
          "\"spark_job_ms\":%d,\"spark_schedule_ms\":%d,\"spark_deserialize_ms\":%d,"
              + "\"spark_run_ms\":%d,\"spark_result_serialize_ms\":%d,\"spark_result_fetch_ms\":%d,"
              + "\"spark_gc_ms\":%d,\"spark_tail_ms\":%d,\"spark_launch_spread_ms\":%d,"
              + "\"spark_transit_ms\":%d",
          wallMs,
          scheduleMs,
          deserializeMs,
          runMs,
          serializeMs,
          fetchMs,
          gcMs,
          tailMs,
          launchSpreadMs,
          transitMs);
    }
  }

  private static final class Open {
    long start;
    long firstLaunch = Long.MAX_VALUE;
    long lastLaunch;
    long lastFinish;
    long transit;
    long deserialize;
    long run;
    long serialize;
    long fetch;
    long gc;
    int tasks;
  }

  private final Map<Integer, Open> open = new HashMap<>();
  private final Map<Integer, Integer> stageToJob = new HashMap<>();
  private final ArrayDeque<Job> done = new ArrayDeque<>();

  @Override
  public synchronized void onJobStart(SparkListenerJobStart e) {
    Open o = new Open();
    o.start = e.time();
    open.put(e.jobId(), o);
    scala.collection.Iterator<Object> ids = e.stageIds().iterator();
    while (ids.hasNext()) {
      stageToJob.put((Integer) ids.next(), e.jobId());
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
    Integer job = stageToJob.get(e.stageId());
    Open o = job == null ? null : open.get(job);
    if (o == null) {
      return;
    }
    TaskInfo ti = e.taskInfo();
    o.firstLaunch = Math.min(o.firstLaunch, ti.launchTime());
    o.lastLaunch = Math.max(o.lastLaunch, ti.launchTime());
    long fetch = ti.gettingResultTime() > 0 ? ti.finishTime() - ti.gettingResultTime() : 0;
    o.lastFinish = Math.max(o.lastFinish, ti.finishTime());
    o.fetch += fetch;
    TaskMetrics m = e.taskMetrics();
    if (m != null) {
      o.deserialize += m.executorDeserializeTime();
      o.run += m.executorRunTime();
      o.serialize += m.resultSerializationTime();
      o.gc += m.jvmGCTime();
      long executor =
          m.executorDeserializeTime() + m.executorRunTime() + m.resultSerializationTime();
      o.transit += Math.max(0, ti.finishTime() - ti.launchTime() - executor - fetch);
    }
    o.tasks++;
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd e) {
    Open o = open.remove(e.jobId());
    stageToJob.values().removeIf(j -> j == e.jobId());
    if (o == null) {
      return;
    }
    long first = o.tasks == 0 ? e.time() : o.firstLaunch;
    long last = o.tasks == 0 ? e.time() : o.lastFinish;
    done.addLast(
        new Job(
            e.jobId(),
            e.time() - o.start,
            first - o.start,
            o.deserialize,
            o.run,
            o.serialize,
            o.fetch,
            o.gc,
            e.time() - last,
            o.tasks == 0 ? 0 : o.lastLaunch - o.firstLaunch,
            o.transit,
            o.tasks));
  }

  /** The finished jobs not taken yet, oldest first, removed from this timeline. */
  public synchronized java.util.List<Job> take() {
    java.util.List<Job> out = java.util.List.copyOf(done);
    done.clear();
    return out;
  }
}
