package io.nash.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.nash.search.SupernetSearchModel;
import io.nash.search.api.Placement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure device and task-core decisions (no Spark started). */
class PlacementAndSessionTest {

  @Test
  void gpuAddressSelectsTheDeviceElseCpu() {
    assertEquals(Placement.cpu(4), DevicePlacement.choose(Map.of(), 4));
    assertEquals(Placement.cpu(1), DevicePlacement.choose(Map.of("gpu", new String[0]), 0));
    Placement p = DevicePlacement.choose(Map.of("gpu", new String[] {"1", "2"}), 8);
    assertEquals(new Placement("gpu", 1, 8), p);
    assertEquals(Device.gpu(1), SupernetSearchModel.device(p));
    assertEquals(Device.cpu(), SupernetSearchModel.device(Placement.cpu(2)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DevicePlacement.choose(Map.of("gpu", new String[] {"GPU-abc"}), 1));
    assertTrue(e.getMessage().contains("'GPU-abc'"));
  }

  @Test
  void trainingTasksTakeAllOfAnExecutorsCores() {
    assertEquals(1, SparkSessions.trainTaskCpus("local", null));
    assertEquals(3, SparkSessions.trainTaskCpus("local[3]", null));
    assertEquals(2, SparkSessions.trainTaskCpus("local[2,4]", null));
    assertEquals(
        Runtime.getRuntime().availableProcessors(), SparkSessions.trainTaskCpus("local[*]", null));
    assertEquals(1, SparkSessions.trainTaskCpus("local-cluster[2,1,1536]", null));
    assertEquals(8, SparkSessions.trainTaskCpus("spark://h:7077", "8"));
    assertEquals(1, SparkSessions.trainTaskCpus("yarn", null));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SparkSessions.trainTaskCpus("yarn", "0"));
    assertTrue(e.getMessage().startsWith("spark.executor.cores = '0'"));
  }

  @Test
  void sessionShipsFloatArraysUncompressedAndDirectUnlessOverridden() {
    org.apache.spark.SparkConf c = SparkSessions.conf("local[2]", "t", Map.of());
    assertEquals("false", c.get("spark.broadcast.compress"));
    assertEquals("true", c.get("spark.kryo.unsafe"));
    assertEquals(SparkSessions.DIRECT_RESULT_MAX, c.get("spark.task.maxDirectResultSize"));
    assertEquals("2", c.get("spark.task.cpus"));
    org.apache.spark.SparkConf o =
        SparkSessions.conf(
            "local[2]",
            "t",
            Map.of("spark.broadcast.compress", "true", "spark.kryo.unsafe", "false"));
    assertEquals("true", o.get("spark.broadcast.compress"), "a user's setting wins");
    assertEquals("false", o.get("spark.kryo.unsafe"));
  }

  @Test
  void inlineMaxIsASizeAndBadValuesNameTheSetting() {
    assertEquals(64L << 20, SparkRoundEngine.parseInlineMax(StateBroadcaster.DEFAULT_INLINE_MAX));
    assertEquals(0, SparkRoundEngine.parseInlineMax("0"));
    assertEquals(1536L << 10, SparkRoundEngine.parseInlineMax("1536k"));
    for (String bad : new String[] {"-1", "lots", "12q"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> SparkRoundEngine.parseInlineMax(bad));
      assertTrue(
          e.getMessage().startsWith("spark.nash.broadcast.inline-max = '" + bad + "'"),
          e.getMessage());
    }
  }
}
