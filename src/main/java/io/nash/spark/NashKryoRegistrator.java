package io.nash.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.nash.search.api.DataSpec;
import io.nash.search.api.ModelSpec;
import io.nash.search.api.Placement;
import io.nash.search.engine.CandidateRequest;
import io.nash.search.engine.CandidateRow;
import io.nash.search.engine.GradientSum;
import io.nash.search.engine.PartitionTrainer;
import io.nash.search.engine.RoundState;
import io.nash.transport.WeightPatch;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers every class that crosses between the driver and executors, each record or final-field
 * class with its explicit serializer (Spark's Kryo cannot serialize records by reflection). With
 * {@code spark.kryo.registrationRequired=true} anything missing here fails the job loudly.
 */
public final class NashKryoRegistrator implements KryoRegistrator {

  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(RoundState.class, new KryoSerializers.RoundStateSer());
    kryo.register(GradientSum.class, new KryoSerializers.GradientSumSer());
    kryo.register(WeightPatch.class, new KryoSerializers.WeightPatchSer());
    kryo.register(GradientSum[].class);
    kryo.register(PartitionWork.class, new KryoSerializers.PartitionWorkSer());
    kryo.register(PartitionWork[].class);
    kryo.register(PartitionTrainer.Job.class, new KryoSerializers.JobSer());
    kryo.register(Placement.class, new KryoSerializers.PlacementSer());
    kryo.register(ModelSpec.class, new KryoSerializers.ModelSpecSer());
    kryo.register(DataSpec.class, new KryoSerializers.DataSpecSer());
    kryo.register(CandidateRequest.class, new CandidateRequestSer());
    kryo.register(CandidateRequest[].class);
    kryo.register(CandidateRow.class, new CandidateRowSer());
    kryo.register(CandidateRow[].class);
    kryo.register(float[].class);
    kryo.register(float[][].class);
    kryo.register(long[].class);
    kryo.register(Doctor.Probe.class, new DoctorProbeSer());
    kryo.register(Doctor.Probe[].class);
    SynthesisKryo.register(kryo);
    RetrainKryo.register(kryo);
  }

  static final class CandidateRequestSer extends Serializer<CandidateRequest> {
    @Override
    public void write(Kryo k, Output out, CandidateRequest c) {
      out.writeString(c.id());
      out.writeString(c.source());
      out.writeString(c.genotypeJson());
      out.writeDouble(c.logProb());
    }

    @Override
    public CandidateRequest read(Kryo k, Input in, Class<CandidateRequest> type) {
      return new CandidateRequest(
          in.readString(), in.readString(), in.readString(), in.readDouble());
    }
  }

  static final class CandidateRowSer extends Serializer<CandidateRow> {
    @Override
    public void write(Kryo k, Output out, CandidateRow r) {
      out.writeString(r.id());
      out.writeString(r.source());
      out.writeString(r.genotype());
      out.writeString(r.genotypeJson());
      out.writeDouble(r.logProb());
      out.writeString(r.status());
      out.writeDouble(r.accuracy());
      out.writeDouble(r.loss());
      out.writeLong(r.samples());
      out.writeString(r.error());
      out.writeLong(r.millis());
    }

    @Override
    public CandidateRow read(Kryo k, Input in, Class<CandidateRow> type) {
      return new CandidateRow(
          in.readString(),
          in.readString(),
          in.readString(),
          in.readString(),
          in.readDouble(),
          in.readString(),
          in.readDouble(),
          in.readDouble(),
          in.readLong(),
          in.readString(),
          in.readLong());
    }
  }

  static final class DoctorProbeSer extends Serializer<Doctor.Probe> {
    @Override
    public void write(Kryo k, Output out, Doctor.Probe p) {
      out.writeString(p.host);
      out.writeString(p.engine);
      out.writeString(p.engineVersion);
      out.writeFloat(p.value);
    }

    @Override
    public Doctor.Probe read(Kryo k, Input in, Class<Doctor.Probe> type) {
      return new Doctor.Probe(in.readString(), in.readString(), in.readString(), in.readFloat());
    }
  }
}
