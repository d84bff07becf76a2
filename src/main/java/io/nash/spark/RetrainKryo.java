package io.nash.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.nash.train.RetrainJob;
import io.nash.train.RetrainOutcome;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kryo registrations and serializers of the retraining stage's records ({@link RetrainJob} to the
 * executors, {@link RetrainOutcome} back). Called from {@link NashKryoRegistrator}. Stateless.
 */
final class RetrainKryo {
  private RetrainKryo() {}

  static void register(Kryo kryo) {
    kryo.register(RetrainJob.class, new JobSer());
    kryo.register(RetrainJob[].class);
    kryo.register(RetrainOutcome.class, new OutcomeSer());
    kryo.register(RetrainOutcome[].class);
  }

  static final class JobSer extends Serializer<RetrainJob> {
    @Override
    public void write(Kryo k, Output out, RetrainJob j) {
      out.writeString(j.runId());
      out.writeString(j.candidateId());
      out.writeString(j.architectureJson());
      out.writeVarInt(j.settings().size(), true);
      for (Map.Entry<String, String> e : j.settings().entrySet()) {
        out.writeString(e.getKey());
        out.writeString(e.getValue());
      }
    }

    @Override
    public RetrainJob read(Kryo k, Input in, Class<RetrainJob> type) {
      String run = in.readString();
      String cand = in.readString();
      String arch = in.readString();
      int n = in.readVarInt(true);
      Map<String, String> settings = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        settings.put(in.readString(), in.readString());
      }
      return new RetrainJob(run, cand, arch, settings);
    }
  }

  static final class OutcomeSer extends Serializer<RetrainOutcome> {
    @Override
    public void write(Kryo k, Output out, RetrainOutcome o) {
      out.writeString(o.candidateId());
      out.writeString(o.status());
      SynthesisKryo.writeNullableDouble(out, o.top1());
      SynthesisKryo.writeNullableDouble(out, o.top5());
      out.writeVarInt(o.epochs(), true);
      out.writeString(o.error());
      out.writeVarLong(o.millis(), true);
    }

    @Override
    public RetrainOutcome read(Kryo k, Input in, Class<RetrainOutcome> type) {
      return new RetrainOutcome(
          in.readString(),
          in.readString(),
          SynthesisKryo.readNullableDouble(in),
          SynthesisKryo.readNullableDouble(in),
          in.readVarInt(true),
          in.readString(),
          in.readVarLong(true));
    }
  }
}
