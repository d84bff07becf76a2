package io.nash.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.api.Placement;
import io.nash.search.engine.GradientSum;
import io.nash.search.engine.PartitionTrainer;
import io.nash.search.engine.RoundState;
import io.nash.transport.WeightPatch;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kryo serializers for the types that cross to and from executors. Spark's Kryo 4 cannot handle
 * Java records by reflection (platform-notes.md), and the plain classes have final fields, so each
 * type gets an explicit, versionless wire form here. Stateless serializers (Kryo may share them).
 */
final class KryoSerializers {
  private KryoSerializers() {}

  static void writeFloats(Output out, float[] a) {
    if (a == null) {
      out.writeVarInt(0, true);
      return;
    }
    out.writeVarInt(a.length + 1, true);
    out.writeFloats(a);
  }

  static float[] readFloats(Input in) {
    int n = in.readVarInt(true);
    return n == 0 ? null : in.readFloats(n - 1);
  }

  static void writeMap(Output out, Map<String, String> m) {
    out.writeVarInt(m.size(), true);
    m.forEach(
        (k, v) -> {
          out.writeString(k);
          out.writeString(v);
        });
  }

  static Map<String, String> readMap(Input in) {
    int n = in.readVarInt(true);
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      m.put(in.readString(), in.readString());
    }
    return m;
  }

  static final class RoundStateSer extends Serializer<RoundState> {
    @Override
    public void write(Kryo k, Output out, RoundState s) {
      out.writeVarInt(s.round(), true);
      writeFloats(out, s.weights());
      writeFloats(out, s.alpha());
      out.writeVarInt(s.pathSeeds().length, true);
      out.writeLongs(s.pathSeeds());
      out.writeFloat(s.localWeightLr());
      out.writeFloat(s.localAlphaLr());
      out.writeBoolean(s.archSteps());
    }

    @Override
    public RoundState read(Kryo k, Input in, Class<RoundState> type) {
      int round = in.readVarInt(true);
      float[] w = readFloats(in);
      float[] a = readFloats(in);
      long[] seeds = in.readLongs(in.readVarInt(true));
      float weightLr = in.readFloat();
      float alphaLr = in.readFloat();
      return new RoundState(round, w, a, seeds, weightLr, alphaLr, in.readBoolean());
    }
  }

  static final class GradientSumSer extends Serializer<GradientSum> {
    @Override
    public void write(Kryo k, Output out, GradientSum s) {
      out.writeVarInt(s.weightSums().size(), true);
      for (Map.Entry<Integer, float[]> e : s.weightSums().entrySet()) {
        out.writeVarInt(e.getKey(), true);
        writeFloats(out, e.getValue());
      }
      writeFloats(out, s.alphaSum());
      out.writeDoubles(s.lossSums());
      out.writeLongs(s.counters());
    }

    @Override
    public GradientSum read(Kryo k, Input in, Class<GradientSum> type) {
      int n = in.readVarInt(true);
      Map<Integer, float[]> w = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        w.put(in.readVarInt(true), readFloats(in));
      }
      float[] a = readFloats(in);
      return GradientSum.restore(w, a, in.readDoubles(2), in.readLongs(GradientSum.COUNTERS));
    }
  }

  static final class WeightPatchSer extends Serializer<WeightPatch> {
    @Override
    public void write(Kryo k, Output out, WeightPatch p) {
      out.writeVarLong(p.version(), true);
      out.writeVarInt(p.total(), true);
      out.writeVarInt(p.starts().length, true);
      out.writeInts(p.starts(), true);
      out.writeInts(p.lengths(), true);
      out.writeVarInt(p.values().length, true);
      out.writeFloats(p.values());
    }

    @Override
    public WeightPatch read(Kryo k, Input in, Class<WeightPatch> type) {
      long version = in.readVarLong(true);
      int total = in.readVarInt(true);
      int n = in.readVarInt(true);
      int[] starts = in.readInts(n, true);
      int[] lengths = in.readInts(n, true);
      float[] values = in.readFloats(in.readVarInt(true));
      return new WeightPatch(version, total, starts, lengths, values);
    }
  }

  static final class PartitionWorkSer extends Serializer<PartitionWork> {
    @Override
    public void write(Kryo k, Output out, PartitionWork w) {
      out.writeVarInt(w.partition(), true);
      k.writeObjectOrNull(out, w.newest(), WeightPatch.class);
    }

    @Override
    public PartitionWork read(Kryo k, Input in, Class<PartitionWork> type) {
      int p = in.readVarInt(true);
      return new PartitionWork(p, k.readObjectOrNull(in, WeightPatch.class));
    }
  }

  static final class JobSer extends Serializer<PartitionTrainer.Job> {
    @Override
    public void write(Kryo k, Output out, PartitionTrainer.Job j) {
      out.writeLong(j.runSeed());
      out.writeVarInt(j.partitions(), true);
      out.writeVarInt(j.localSteps(), true);
      out.writeVarInt(j.batchSize(), true);
    }

    @Override
    public PartitionTrainer.Job read(Kryo k, Input in, Class<PartitionTrainer.Job> type) {
      return new PartitionTrainer.Job(
          in.readLong(), in.readVarInt(true), in.readVarInt(true), in.readVarInt(true));
    }
  }

  static final class PlacementSer extends Serializer<Placement> {
    @Override
    public void write(Kryo k, Output out, Placement p) {
      out.writeString(p.device());
      out.writeInt(p.deviceId());
      out.writeVarInt(p.threads(), true);
    }

    @Override
    public Placement read(Kryo k, Input in, Class<Placement> type) {
      return new Placement(in.readString(), in.readInt(), in.readVarInt(true));
    }
  }

  static final class ModelSpecSer extends Serializer<ModelSpec> {
    @Override
    public void write(Kryo k, Output out, ModelSpec m) {
      out.writeString(m.factoryClass());
      writeMap(out, m.settings());
    }

    @Override
    public ModelSpec read(Kryo k, Input in, Class<ModelSpec> type) {
      return new ModelSpec(in.readString(), readMap(in));
    }
  }

  static final class DataSpecSer extends Serializer<DataSpec> {
    @Override
    public void write(Kryo k, Output out, DataSpec d) {
      out.writeString(d.factoryClass());
      out.writeString(d.spec());
      writeMap(out, d.hadoopSettings());
    }

    @Override
    public DataSpec read(Kryo k, Input in, Class<DataSpec> type) {
      return new DataSpec(in.readString(), in.readString(), readMap(in));
    }
  }
}
