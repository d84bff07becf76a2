package io.nash.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.nash.synth.SynthesisJob;
import io.nash.synth.SynthesisOutcome;

/**
 * Kryo registrations and serializers of the synthesis stage's records ({@link SynthesisJob} to the
 * executors, {@link SynthesisOutcome} back). Called from {@link NashKryoRegistrator}. Stateless.
 */
final class SynthesisKryo {
  private SynthesisKryo() {}

  static void register(Kryo kryo) {
    kryo.register(SynthesisJob.class, new JobSer());
    kryo.register(SynthesisJob[].class);
    kryo.register(SynthesisOutcome.class, new OutcomeSer());
    kryo.register(SynthesisOutcome[].class);
  }

  static void writeNullableDouble(Output out, Double d) {
    out.writeBoolean(d != null);
    if (d != null) {
      out.writeDouble(d);
    }
  }

  static Double readNullableDouble(Input in) {
    return in.readBoolean() ? in.readDouble() : null;
  }

  static final class JobSer extends Serializer<SynthesisJob> {
    @Override
    public void write(Kryo k, Output out, SynthesisJob j) {
      out.writeString(j.runId());
      out.writeString(j.candidateId());
      out.writeString(j.architectureJson());
      out.writeString(j.device());
      writeNullableDouble(out, j.top1());
      writeNullableDouble(out, j.top5());
      out.writeString(j.accuracySource());
    }

    @Override
    public SynthesisJob read(Kryo k, Input in, Class<SynthesisJob> type) {
      return new SynthesisJob(
          in.readString(),
          in.readString(),
          in.readString(),
          in.readString(),
          readNullableDouble(in),
          readNullableDouble(in),
          in.readString());
    }
  }

  static final class OutcomeSer extends Serializer<SynthesisOutcome> {
    @Override
    public void write(Kryo k, Output out, SynthesisOutcome o) {
      out.writeString(o.candidateId());
      out.writeString(o.device());
      out.writeVarInt(o.action().ordinal(), true);
      out.writeString(o.status());
      out.writeVarLong(o.millis(), true);
    }

    @Override
    public SynthesisOutcome read(Kryo k, Input in, Class<SynthesisOutcome> type) {
      return new SynthesisOutcome(
          in.readString(),
          in.readString(),
          SynthesisOutcome.Action.values()[in.readVarInt(true)],
          in.readString(),
          in.readVarLong(true));
    }
  }
}
