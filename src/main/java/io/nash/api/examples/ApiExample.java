package io.nash.api.examples;

import io.nash.api.Candidate;
import io.nash.api.Front;
import io.nash.api.HardwareResult;
import io.nash.api.NashSearch;
import io.nash.api.Retrained;
import io.nash.api.SearchResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark application that uses only the public API: the whole pipeline on one run, printing each
 * step's typed results. Launch it with spark-submit on the job jar:
 *
 * <pre>
 * spark-submit --properties-file conf/spark-defaults.conf --class io.nash.api.examples.ApiExample \
 *   target/nash-*-spark.jar STORE_URI RUN_ID [KEY=VALUE ...]
 * </pre>
 *
 * {@code deploy/smoke-submit.sh} launches it on the run its {@code nash run} made and checks what
 * it prints against the store.
 */
public final class ApiExample {
  private ApiExample() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: ApiExample STORE_URI RUN_ID [KEY=VALUE ...]");
      System.exit(2);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq <= 0) {
        System.err.println("ApiExample: '" + args[i] + "': must be KEY=VALUE");
        System.exit(2);
      }
      settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    SparkSession spark = SparkSession.builder().appName("nash-api-example").getOrCreate();
    try {
      run(spark, args[0], args[1], settings);
    } finally {
      spark.stop();
    }
  }

  /** Runs the pipeline through the API; its body is the README's "Java API" example. */
  static void run(SparkSession spark, String store, String runId, Map<String, String> settings) {
    // README: begin
    try (NashSearch nash = NashSearch.on(spark).store(store).runId(runId).settings(settings)) {
      SearchResult search = nash.search(); // runs stage 1, or reads it back if committed
      SearchResult.Edge edge = search.edge(0, 0);
      System.out.printf(
          "search ran %s: genotype %s; group 0 edge 0: %s, p = %.3f%n",
          nash.stagesRan(),
          search.genotype().compact(),
          edge.argmax(),
          edge.probability(edge.argmax()));
      for (SearchResult.Epoch e : search.metrics()) {
        System.out.printf(
            "  epoch %d: train loss %.4f, %.0f images/s%n",
            e.epoch(), e.trainLoss(), e.imagesPerSecond());
      }
      List<Candidate> candidates = nash.candidates();
      System.out.printf("candidates ran %s: %d%n", nash.stagesRan(), candidates.size());
      for (Retrained r : nash.retrain()) {
        System.out.printf(
            "  retrained %s: top1 %.4f, %s%n", r.candidateId(), r.top1(), r.modelUri());
      }
      List<HardwareResult> hw = nash.synthesize();
      System.out.printf("synthesis ran %s: %d results%n", nash.stagesRan(), hw.size());
      for (HardwareResult h : hw) {
        System.out.printf(
            "  %s on %s: %s, LUT %s, BRAM_18K %s, DSP %s, fps %s%n",
            h.candidateId(), h.device(), h.status(), h.lut(), h.bram18k(), h.dsp(), h.fps());
      }
      Front front = nash.front();
      System.out.printf(
          "front ran %s: %d points, report %s%n",
          nash.stagesRan(), front.points().size(), front.reportUri());
    }
    // README: end
  }
}
