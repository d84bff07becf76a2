package io.nash.search;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.nash.nn.PathPairs;
import io.nash.nn.SampledPath;
import io.nash.nn.StepGradients;
import io.nash.nn.Supernet;
import io.nash.nn.SupernetSpec;
import io.nash.search.api.ArchGradient;
import io.nash.search.api.Batch;
import io.nash.search.api.EvalResult;
import io.nash.search.api.ParamLayout;
import io.nash.search.api.Placement;
import io.nash.search.api.SearchModel;
import io.nash.search.api.StepRequest;
import io.nash.search.api.StepResult;
import io.nash.space.Genotype;
import io.nash.space.GroupSpec;
import io.nash.space.Node;
import io.nash.space.Op;
import io.nash.space.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DJL supernet ({@link Supernet}) behind the engine's {@link SearchModel} interface: one
 * instance per JVM (the engine's cache), built on the device of the first task that uses it and
 * rebuilt if a task is placed on another device. Each step loads the round's flat weights and
 * alpha, samples paths only from the request's seeds, and returns gradients (one local step) or
 * deltas (local SGD) of the tensors the sampled paths touched. Not thread-safe: the engine locks
 * the instance. Holds native memory (the network's NDManager) until {@link #close}.
 */
public final class SupernetSearchModel implements SearchModel, AutoCloseable {
  private final SupernetSpec spec;
  private final int maxThreads;
  private final ArchGradient archGradient;
  private Supernet net;
  private Device netDevice;

  /**
   * The flat weights (by identity) the network holds from the last {@link #evaluate}, or null:
   * candidates of one task share the broadcast weights, so they are loaded once. Flat weight arrays
   * passed in are never modified by callers (they come from broadcasts or the driver's state).
   */
  private float[] evaluated;

  private final ParamLayout layout;
  private final int[] sizes;

  /**
   * @param maxThreads cap on libtorch intra-op threads (0 = the task's cores)
   */
  public SupernetSearchModel(SupernetSpec spec, int maxThreads) {
    this(spec, maxThreads, ArchGradient.EXACT);
  }

  /**
   * @param maxThreads cap on libtorch intra-op threads (0 = the task's cores)
   * @param archGradient how the architecture step computes the alpha gradient; two-path draws its
   *     pairs from {@link Seeds#archPairs} of the request's path seed
   */
  public SupernetSearchModel(SupernetSpec spec, int maxThreads, ArchGradient archGradient) {
    this.spec = spec;
    this.maxThreads = maxThreads;
    this.archGradient = java.util.Objects.requireNonNull(archGradient, "archGradient");
    this.net = Supernet.build(spec);
    this.netDevice = Device.cpu();
    List<String> names = new ArrayList<>();
    sizes = new int[net.tensorCount()];
    for (int i = 0; i < sizes.length; i++) {
      names.add(net.tensorName(i));
      long n = 1;
      for (long d : net.tensorShape(i)) {
        n *= d;
      }
      sizes[i] = Math.toIntExact(n);
    }
    layout = new ParamLayout(names, sizes);
  }

  public SupernetSpec spec() {
    return spec;
  }

  /** Frees the network's native memory; the model is unusable afterwards. */
  @Override
  public synchronized void close() {
    net.close();
  }

  @Override
  public ParamLayout layout() {
    return layout;
  }

  @Override
  public int alphaSize() {
    return spec.backbone().totalEdges() * spec.opCount();
  }

  @Override
  public float[] initialWeights(long seed) {
    return flatten(net.initialWeights(seed));
  }

  @Override
  public StepResult runSteps(StepRequest r) {
    place(r.placement());
    evaluated = null;
    float[][] w = split(r.weights());
    net.loadWeights(w);
    float[] alpha = r.alpha().clone();
    net.loadAlpha(alpha);
    int ops = spec.opCount();
    Map<Integer, float[]> updates = new HashMap<>();
    float[] alphaUpdate = null;
    Set<Integer> touched = new LinkedHashSet<>();
    double trainLoss = 0;
    double validLoss = 0;
    long trainCorrect = 0;
    long validCorrect = 0;
    long trainN = 0;
    long validN = 0;
    boolean arch = !r.validBatches().isEmpty(); // none: a weight-only warm-up request
    for (int s = 0; s < r.localSteps(); s++) {
      StepGradients ga = null;
      if (arch) {
        Batch vb = r.validBatches().get(s);
        SampledPath pa = SampledPath.sample(alpha, ops, Seeds.archPath(r.pathSeed(), s));
        PathPairs pairs =
            archGradient == ArchGradient.TWO_PATH
                ? PathPairs.sample(alpha, ops, Seeds.archPairs(r.pathSeed(), s))
                : null;
        ga = finiteOrSkipped(net.archGradients(vb.features(), vb.labels(), pa, pairs), r);
        validLoss += ga.loss() * vb.size();
        validCorrect += ga.correct();
        validN += vb.size();
      }
      Batch tb = r.trainBatches().get(s);
      SampledPath pw = SampledPath.sample(alpha, ops, Seeds.weightPath(r.pathSeed(), s));
      StepGradients gw = finiteOrSkipped(net.weightGradients(tb.features(), tb.labels(), pw), r);
      trainLoss += gw.loss() * tb.size();
      trainCorrect += gw.correct();
      trainN += tb.size();
      if (r.localSteps() == 1) {
        alphaUpdate = arch ? ga.alphaGrad() : null;
        for (int k = 0; k < gw.tensors().length; k++) {
          updates.put(gw.tensors()[k], gw.grads()[k]);
        }
      } else {
        // local SGD on this task's copy; the driver receives the deltas
        if (arch) {
          float[] g = ga.alphaGrad();
          for (int i = 0; i < alpha.length; i++) {
            alpha[i] -= r.localAlphaLr() * g[i];
          }
          net.loadAlpha(alpha);
        }
        int[] ids = gw.tensors();
        float[][] vals = new float[ids.length][];
        for (int k = 0; k < ids.length; k++) {
          float[] t = w[ids[k]];
          float[] gk = gw.grads()[k];
          for (int i = 0; i < t.length; i++) {
            t[i] -= r.localWeightLr() * gk[i];
          }
          vals[k] = t;
          touched.add(ids[k]);
        }
        net.loadWeights(ids, vals);
      }
    }
    if (r.localSteps() > 1) {
      alphaUpdate = arch ? new float[alpha.length] : null;
      for (int i = 0; arch && i < alpha.length; i++) {
        alphaUpdate[i] = alpha[i] - r.alpha()[i];
      }
      for (int id : touched) {
        float[] d = new float[sizes[id]];
        int off = layout.offset(id);
        for (int i = 0; i < d.length; i++) {
          d[i] = w[id][i] - r.weights()[off + i];
        }
        updates.put(id, d);
      }
    }
    return new StepResult(
        updates, alphaUpdate, trainLoss, trainCorrect, trainN, validLoss, validCorrect, validN);
  }

  /**
   * A half-step's gradients, or when they are not finite (a diverging step, logged): with one local
   * step they are returned as they are, so the driver skips that half of the round and counts it
   * (SearchDriver); with local SGD the half contributes nothing (a zero alpha gradient, or no
   * weight tensor) so the task's local copy stays finite. A non-finite loss is reported as 0 either
   * way, so the round's averages stay readable.
   */
  private static StepGradients finiteOrSkipped(StepGradients g, StepRequest r) {
    if (g.finite()) {
      return g;
    }
    org.slf4j.LoggerFactory.getLogger(SupernetSearchModel.class)
        .warn("non-finite gradient (loss {}) at path seed {}", g.loss(), r.pathSeed());
    double loss = Double.isFinite(g.loss()) ? g.loss() : 0;
    if (r.localSteps() == 1) {
      return new StepGradients(loss, g.correct(), g.count(), g.tensors(), g.grads());
    }
    boolean arch = g.tensors().length == 1 && g.tensors()[0] == StepGradients.ALPHA;
    if (arch) {
      return new StepGradients(
          loss,
          g.correct(),
          g.count(),
          new int[] {StepGradients.ALPHA},
          new float[][] {new float[g.grads()[0].length]});
    }
    return new StepGradients(loss, g.correct(), g.count(), new int[0], new float[0][]);
  }

  /**
   * One-shot evaluation of {@code genotype} with the inherited weights: each node keeps its one op
   * on its one input (every other edge is {@code none}). BatchNorm statistics are first
   * re-estimated for the candidate's path on {@code bnBatches} (training batches) and the
   * validation batches are normalised with them; with no BN batches each validation batch is
   * normalised with its own statistics.
   */
  @Override
  public EvalResult evaluate(
      float[] weights,
      Genotype genotype,
      List<Batch> bnBatches,
      List<Batch> validBatches,
      Placement placement) {
    if (genotype.backbone() != spec.backbone() || genotype.version() != spec.version()) {
      throw new IllegalArgumentException(
          "genotype "
              + genotype.backbone()
              + "/"
              + genotype.version()
              + " does not match the supernet "
              + spec.backbone()
              + "/"
              + spec.version());
    }
    place(placement);
    if (weights != evaluated) {
      net.loadWeights(split(weights));
      evaluated = weights;
    }
    SampledPath path = pathOf(genotype);
    double loss = 0;
    long correct = 0;
    long n = 0;
    if (!bnBatches.isEmpty()) {
      net.calibrateBatchNorm(bnBatches.stream().map(Batch::features).toList(), path);
    }
    try {
      for (Batch b : validBatches) {
        StepGradients e = net.evaluate(b.features(), b.labels(), path);
        loss += e.loss() * b.size();
        correct += e.correct();
        n += b.size();
      }
    } finally {
      net.clearBatchNormStatistics();
    }
    if (n == 0) {
      throw new IllegalArgumentException(
          "candidate evaluation needs at least one validation batch");
    }
    return new EvalResult(loss / n, (double) correct / n, n);
  }

  /** The path of a derived genotype: the chosen op on each node's chosen edge, none elsewhere. */
  static SampledPath pathOf(Genotype g) {
    int ops = g.version().ops().size();
    int none = g.version().opIndex(Op.NONE);
    int[] perEdge = new int[g.backbone().totalEdges()];
    java.util.Arrays.fill(perEdge, none);
    int offset = 0;
    for (GroupSpec gs : g.backbone().groups()) {
      List<Node> nodes = g.groups().get(gs.index());
      for (int i = 0; i < nodes.size(); i++) {
        Node n = nodes.get(i);
        perEdge[offset + GroupSpec.edgeIndex(i, n.input())] = g.version().opIndex(n.op());
      }
      offset += gs.edges();
    }
    return SampledPath.of(perEdge, ops);
  }

  /** The DJL device of a placement: {@code Device.gpu(id)} for a GPU, else {@code Device.cpu()}. */
  public static Device device(Placement p) {
    return p.isGpu() ? Device.gpu(p.deviceId()) : Device.cpu();
  }

  private void place(Placement p) {
    int threads = maxThreads > 0 ? Math.min(maxThreads, p.threads()) : p.threads();
    Engine.getEngine("PyTorch");
    JniUtils.setNumThreads(threads);
    Device want = device(p);
    if (!want.equals(netDevice)) {
      net.close();
      net = Supernet.build(spec, want);
      netDevice = want;
      evaluated = null;
    }
  }

  private float[][] split(float[] flat) {
    if (flat.length != layout.total()) {
      throw new IllegalArgumentException(
          "flat weights have " + flat.length + " values: the supernet needs " + layout.total());
    }
    float[][] out = new float[sizes.length][];
    for (int i = 0; i < sizes.length; i++) {
      out[i] = new float[sizes[i]];
      System.arraycopy(flat, layout.offset(i), out[i], 0, sizes[i]);
    }
    return out;
  }

  private static float[] flatten(float[][] parts) {
    int n = 0;
    for (float[] p : parts) {
      n += p.length;
    }
    float[] out = new float[n];
    int off = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }
}
