package io.nash.api.examples;

import io.nash.api.Candidate;
import io.nash.api.Front;
import io.nash.api.HardwareResult;
import io.nash.api.NashSearch;
import io.nash.api.Retrained;
import io.nash.api.SearchResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * Every line it prints starts with {@code api-example:}; {@code deploy/smoke-submit.sh} checks them
 * against the store.
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

  /** The example of the README's "Java API" section. */
  static void run(SparkSession spark, String store, String runId, Map<String, String> settings) {
    try (NashSearch nash = NashSearch.on(spark).store(store).runId(runId).settings(settings)) {
      SearchResult search = nash.search();
      SearchResult.Epoch last = search.metrics().get(search.metrics().size() - 1);
      print(
          "search ran %s: genotype %s; epoch %d train loss %.4f, %.0f images/s; edge 0/0 %s p=%.3f",
          nash.stagesRan(),
          search.genotype().compact(),
          last.epoch(),
          last.trainLoss(),
          last.imagesPerSecond(),
          search.edge(0, 0).argmax(),
          search.edge(0, 0).probability(search.edge(0, 0).argmax()));

      List<Candidate> candidates = nash.candidates();
      print("candidates ran %s: %d", nash.stagesRan(), candidates.size());
      for (Candidate c : candidates) {
        print("  candidate %s %s %s one-shot %s", c.id(), c.source(), c.status(), c.accuracy());
      }

      for (Retrained r : nash.retrain()) {
        print("  retrained %s top1 %.4f model %s", r.candidateId(), r.top1(), r.modelUri());
      }
      print("retrain ran %s", nash.stagesRan());

      List<HardwareResult> hw = nash.synthesize();
      print("synthesis ran %s: %d results", nash.stagesRan(), hw.size());
      for (HardwareResult h : hw) {
        print(
            "  hw %s %s %s LUT %s BRAM_18K %s DSP %s fps %s",
            h.candidateId(), h.device(), h.status(), h.lut(), h.bram18k(), h.dsp(), h.fps());
      }

      Front front = nash.front();
      print(
          "front ran %s: %d points (%d of this run), report %s",
          nash.stagesRan(), front.points().size(), front.ofRun(runId).size(), front.reportUri());
    }
  }

  private static void print(String format, Object... args) {
    System.out.println("api-example: " + String.format(Locale.ROOT, format, args));
  }
}
