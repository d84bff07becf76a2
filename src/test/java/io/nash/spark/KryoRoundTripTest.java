package io.nash.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.api.Placement;
import io.nash.search.api.StepResult;
import io.nash.search.engine.CandidateRequest;
import io.nash.search.engine.CandidateRow;
import io.nash.search.engine.GradientSum;
import io.nash.search.engine.PartitionTrainer;
import io.nash.search.engine.RoundState;
import io.nash.testutil.SparkTestBase;
import io.nash.transport.WeightPatch;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/** Every registered type survives Spark's Kryo with registration required; others fail loudly. */
class KryoRoundTripTest extends SparkTestBase {
  private static final ClassTag<Object> ANY = ClassTag$.MODULE$.Any();

  private static SerializerInstance kryo() {
    return new KryoSerializer(spark().sparkContext().getConf()).newInstance();
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T value) {
    SerializerInstance k = kryo();
    ByteBuffer b = k.serialize(value, ANY);
    return (T) k.deserialize(b, ANY);
  }

  @Test
  void doctorProbe() {
    Doctor.Probe r = roundTrip(new Doctor.Probe("host-a", "PyTorch", "2.7.1", 30f));
    assertEquals("host-a", r.host);
    assertEquals("PyTorch", r.engine);
    assertEquals("2.7.1", r.engineVersion);
    assertEquals(30f, r.value);
  }

  @Test
  void roundState() {
    RoundState s =
        new RoundState(
            7, new float[] {1, 2, 3}, new float[] {-0.5f}, new long[] {9, -3}, 0.025f, 0.3f, true);
    RoundState r = roundTrip(s);
    assertEquals(7, r.round());
    assertArrayEquals(s.weights(), r.weights());
    assertArrayEquals(s.alpha(), r.alpha());
    assertArrayEquals(s.pathSeeds(), r.pathSeeds());
    assertEquals(0.025f, r.localWeightLr());
    assertEquals(0.3f, r.localAlphaLr());
    assertTrue(r.archSteps());
    RoundState warm =
        roundTrip(new RoundState(2, null, new float[] {1}, new long[] {5}, 0.1f, 0.2f, false));
    assertFalse(warm.archSteps(), "a warm-up round stays a warm-up round");
    assertEquals(2, warm.round());
  }

  @Test
  void gradientSumAndItsPayloadEstimate() {
    GradientSum s =
        GradientSum.of(
            new StepResult(
                Map.of(3, new float[] {1, 2}, 0, new float[] {4}),
                new float[] {0.5f, 0.25f},
                6.0,
                5,
                8,
                3.0,
                2,
                4),
            1234);
    GradientSum r = roundTrip(s);
    assertEquals(s.weightSums().keySet(), r.weightSums().keySet());
    assertArrayEquals(new float[] {8, 16}, r.weightSums().get(3)); // x 8 train samples
    assertArrayEquals(new float[] {2, 1}, r.alphaSum()); // x 4 valid samples
    assertArrayEquals(s.lossSums(), r.lossSums());
    assertArrayEquals(s.counters(), r.counters());
    GradientSum empty = roundTrip(new GradientSum());
    assertEquals(null, empty.alphaSum());
    // the payload figure the benchmark reports is within 64 bytes of the real wire size
    long wire = kryo().serialize(s, ANY).remaining();
    assertTrue(Math.abs(wire - s.payloadBytes()) < 64, wire + " vs " + s.payloadBytes());
    // the grouped merge's shuffle record above 64 partitions: (group, (partition, sum))
    scala.Tuple2<Integer, scala.Tuple2<Integer, GradientSum>> rec =
        roundTrip(new scala.Tuple2<>(7, new scala.Tuple2<>(65, s)));
    assertEquals(7, rec._1());
    assertEquals(65, rec._2()._1());
    assertArrayEquals(new float[] {8, 16}, rec._2()._2().weightSums().get(3));
  }

  @Test
  void weightPatchesAndTheSmallRoundState() {
    WeightPatch p =
        new WeightPatch(
            12, 9, new int[] {1, 6}, new int[] {2, 3}, new float[] {-0f, 2, 3, Float.MIN_VALUE, 5});
    WeightPatch r = roundTrip(p);
    assertEquals(12, r.version());
    assertEquals(9, r.total());
    assertArrayEquals(p.starts(), r.starts());
    assertArrayEquals(p.lengths(), r.lengths());
    assertArrayEquals(p.values(), r.values(), 0f); // bitwise: -0.0 and the denormal survive
    assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(r.values()[0]));
    long wire = kryo().serialize(p, ANY).remaining();
    assertTrue(Math.abs(wire - p.payloadBytes()) < 16, wire + " vs " + p.payloadBytes());
    RoundState small =
        new RoundState(3, null, new float[] {1.5f}, new long[] {4}, 0.1f, 0.2f, true)
            .withWeights(null);
    RoundState back = roundTrip(small);
    assertEquals(null, back.weights());
    assertArrayEquals(new float[] {1.5f}, back.alpha());
  }

  @Test
  void recordsWithTheirSerializers() {
    assertEquals(new PartitionWork(5), roundTrip(new PartitionWork(5)));
    WeightPatch delta =
        new WeightPatch(7, 6, new int[] {1, 4}, new int[] {2, 1}, new float[] {1, -2, 3});
    PartitionWork pushed = roundTrip(new PartitionWork(2, delta));
    assertEquals(2, pushed.partition());
    assertEquals(7, pushed.newest().version());
    assertArrayEquals(new int[] {1, 4}, pushed.newest().starts());
    assertArrayEquals(new float[] {1, -2, 3}, pushed.newest().values(), 0f);
    assertThrows(
        IllegalArgumentException.class,
        () -> new PartitionWork(0, WeightPatch.full(1, new float[3])),
        "a full state never rides with a task");
    PartitionTrainer.Job job = new PartitionTrainer.Job(-2, 4, 8, 64);
    assertEquals(job, roundTrip(job));
    assertEquals(new Placement("gpu", 1, 4), roundTrip(new Placement("gpu", 1, 4)));
    ModelSpec m = new ModelSpec("a.B", Map.of("width", "16"));
    assertEquals(m, roundTrip(m));
    DataSpec d = new DataSpec("a.C", "idx:s3a://b/f", Map.of("fs.s3a.endpoint", "http://x"));
    assertEquals(d, roundTrip(d));
    CandidateRequest c = new CandidateRequest("c1", "top-2", "{\"x\":1}", -3.5);
    assertEquals(c, roundTrip(c));
    CandidateRow ok =
        new CandidateRow("c1", "argmax", "v4 g0", "{}", -1, "ok", 0.5, 1.2, 10, "", 3);
    assertEquals(ok, roundTrip(ok));
    CandidateRow bad =
        new CandidateRow(
            "c2",
            "sample-1",
            "v4 g0",
            "{}",
            -2,
            "failed",
            Double.NaN,
            Double.NaN,
            0,
            "java.lang.IllegalStateException: boom",
            1);
    assertEquals(bad, roundTrip(bad));
  }

  /** Not registered on purpose. */
  static final class Unregistered implements java.io.Serializable {
    final int x = 1;
  }

  @Test
  void anUnregisteredClassFailsLoudly() {
    Exception direct =
        assertThrows(Exception.class, () -> kryo().serialize(new Unregistered(), ANY));
    assertTrue(
        String.valueOf(direct.getMessage()).contains("Class is not registered"), direct.toString());
    // and inside a job: the task result cannot be serialized, the job fails with the class name
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
    SparkException e =
        assertThrows(
            SparkException.class,
            () -> jsc.parallelize(List.of(1), 1).map(new ToUnregistered()).collect());
    assertTrue(
        e.getMessage().contains("Class is not registered")
            && e.getMessage().contains("Unregistered"),
        e.getMessage());
  }

  static final class ToUnregistered
      implements org.apache.spark.api.java.function.Function<Integer, Unregistered> {
    @Override
    public Unregistered call(Integer i) {
      return new Unregistered();
    }
  }
}
