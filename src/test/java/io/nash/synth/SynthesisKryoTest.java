package io.nash.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nash.spark.SparkSessions;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/** Round trips of the synthesis records through Spark's Kryo with the project's registrator. */
class SynthesisKryoTest {
  private static final SerializerInstance KRYO =
      new KryoSerializer(SparkSessions.conf("local[1]", "kryo-test", Map.of())).newInstance();

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) {
    ByteBuffer b = KRYO.serialize(value, ClassTag$.MODULE$.apply(value.getClass()));
    return (T) KRYO.deserialize(b, ClassTag$.MODULE$.apply(value.getClass()));
  }

  @Test
  void jobsRoundTripWithAndWithoutAccuracy() {
    SynthesisJob full = new SynthesisJob("r1", "c0", "{\"x\":1}", "U250", 0.91, 0.99, "retrained");
    SynthesisJob none = new SynthesisJob("r1", "baseline", "{}", "ZCU104", null, null, "none");
    assertEquals(full, roundTrip(full));
    assertEquals(none, roundTrip(none));
    SynthesisJob[] arr = {full, none};
    SynthesisJob[] back = roundTrip(arr);
    assertEquals(full, back[0]);
    assertEquals(none, back[1]);
  }

  @Test
  void outcomesRoundTrip() {
    for (SynthesisOutcome.Action a : SynthesisOutcome.Action.values()) {
      SynthesisOutcome o = new SynthesisOutcome("c1", "U250", a, "failed", 1234L);
      assertEquals(o, roundTrip(o));
    }
  }
}
