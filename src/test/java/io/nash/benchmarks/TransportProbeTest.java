package io.nash.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.search.api.ParamLayout;
import io.nash.search.engine.GradientSum;
import io.nash.spark.PartitionWork;
import io.nash.testutil.SparkTestBase;
import io.nash.transport.WeightPatch;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** The model-free transport floor job moves the sizes it is asked to and merges every task. */
class TransportProbeTest extends SparkTestBase {

  @Test
  void echoReturnsAResultOfTheRequestedSize() {
    ParamLayout layout = new ParamLayout(List.of("t", "u"), new int[] {5, 1});
    WeightPatch d = WeightPatch.diff(1, new float[6], new float[] {1, 1, 1, 1, 1, 0}, layout);
    GradientSum s = new TransportProbe.Echo(7).call(new PartitionWork(3, d));
    assertEquals(7, s.weightSums().get(0).length);
    assertEquals(1, s.tasks());
    assertEquals(1, s.trainSamples(), "the pushed payload arrived");
  }

  @Test
  void aProbeJobPerRequestMergingEveryTask() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
    double[] ms = TransportProbe.run(jsc, 3, 1000, 2000, 2);
    assertEquals(2, ms.length);
    for (double m : ms) {
      assertTrue(m > 0, "wall ms " + m);
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TransportProbe.run(jsc, 0, 1, 1, 1));
    assertTrue(e.getMessage().contains("must all be >= 1"), e.getMessage());
  }
}
