package io.nash.spark;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nash.search.engine.CandidateRow;
import io.nash.space.PublishedGenotypes;
import io.nash.space.SpaceJson;
import io.nash.store.RunLayout;
import io.nash.store.Store;
import io.nash.store.StoreSpec;
import io.nash.store.UnitCommitter;
import io.nash.testutil.CommitFaults;
import io.nash.testutil.S3ProxyServer;
import io.nash.testutil.SparkTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The candidates table committed to s3a:// (s3proxy) by Spark: an attempt that dies before its
 * marker is invisible to every reader, the rerun is read back whole, by the store and by Spark.
 */
class CandidateTableS3Test extends SparkTestBase {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer("nash-cands");

  @Test
  void anInterruptedTableCommitOnS3IsInvisibleAndTheRerunIsReadWhole() throws Exception {
    String g = SpaceJson.genotypeJson(PublishedGenotypes.V1);
    List<CandidateRow> rows =
        List.of(
            new CandidateRow("c0", "argmax", "v1", g, -1.5, "ok", 0.625, 1.25, 64, "", 12),
            new CandidateRow("c1", "top-2", "v1", g, -2.5, "failed", 0, 0, 0, "boom", 3));
    // Spark's own writer reaches the same bucket with the same settings
    Configuration hc = spark().sparkContext().hadoopConfiguration();
    S3.settings().forEach(hc::set);
    StoreSpec spec = new StoreSpec(S3.uri("store"), S3.settings());
    Map<String, String> faulty = new HashMap<>(S3.settings());
    faulty.putAll(CommitFaults.settings("s3a"));
    try (Store store = Store.open(spec, null);
        Store dying = Store.open(new StoreSpec(spec.uri(), faulty), null)) {
      CommitFaults.failNextMarkers(1);
      try {
        assertThrows(
            java.io.UncheckedIOException.class,
            () -> SparkCandidateEngine.write(spark(), dying, "r1", rows));
      } finally {
        CommitFaults.disarm();
      }
      String unit = RunLayout.candidatesTable("r1");
      assertEquals(1, store.list(unit).size(), "the dead attempt's files: " + store.list(unit));
      assertFalse(UnitCommitter.isCommitted(store, unit));
      assertTrue(RunLayout.candidatesJson(store, "r1").isEmpty());
      assertTrue(SparkCandidateEngine.parquetUri(store, "r1").isEmpty());
      assertEquals(List.of("candidates-table"), store.list("runs/r1"), "staging removed");

      assertEquals(
          UnitCommitter.Outcome.COMMITTED, SparkCandidateEngine.write(spark(), store, "r1", rows));
      JsonNode json = new ObjectMapper().readTree(RunLayout.candidatesJson(store, "r1").get());
      assertEquals(2, json.size());
      assertEquals(0.625, json.get(0).get("accuracy").asDouble());
      assertTrue(json.get(1).get("accuracy").isNull());
      String parquet = SparkCandidateEngine.parquetUri(store, "r1").orElseThrow();
      String commitId = UnitCommitter.open(store, unit).orElseThrow().marker().commitId();
      assertTrue(parquet.contains("/" + commitId + "/candidates.parquet"), parquet);
      var read = spark().read().parquet(parquet).orderBy("id").collectAsList();
      assertEquals(List.of("c0", "c1"), read.stream().map(r -> r.getString(0)).toList());
      assertEquals(0.625, read.get(0).getDouble(6));
      assertTrue(read.get(1).isNullAt(6));
      // a second write of a committed table does nothing
      assertEquals(
          UnitCommitter.Outcome.ALREADY_COMMITTED,
          SparkCandidateEngine.write(spark(), store, "r1", rows));
    }
  }
}
