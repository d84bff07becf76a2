package io.nash.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import io.nash.space.Backbone;
import io.nash.space.GroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NASH supernet in DJL (nash-method.md sections 1-2): stem, NASH groups, global average pool,
 * linear classifier, plus the architecture parameters alpha ({@code [edges, ops]}, groups
 * concatenated as {@link io.nash.space.ArchWeights#flat()}).
 *
 * <p><b>Design.</b> The network is a set of functions over named tensors rather than a tree of DJL
 * {@code Block}s: the sampled path must be an argument of every forward pass, the two search steps
 * freeze different tensor sets, and the Spark engine moves parameters as flat float arrays, none of
 * which DJL's {@code Block}/{@code ParameterStore} API models (per-call data would travel in an
 * untyped {@code PairList}). Build it once per JVM, then per batch: {@link #loadWeights}/{@link
 * #loadAlpha} what changed, and call {@link #weightGradients}, {@link #archGradients} or {@link
 * #evaluate}.
 *
 * <ul>
 *   <li>Weight step ({@link Mode#WEIGHT}): alpha frozen, each edge runs only its sampled op (no
 *       other candidate is computed, forward or backward); gradients are returned for the tensors
 *       of {@link #touchedTensors}.
 *   <li>Architecture step ({@link Mode#ARCH}): weights frozen, every candidate runs and the node
 *       adds {@code sum_k g_k o_k} with gates {@code g = onehot + (p - stopGradient(p))}, {@code p
 *       = softmax(alpha_edge)}. The forward value is exactly the sampled op's output; autograd
 *       gives {@code dL/dalpha_i = sum_j (sum dL/dy * o_j) p_j (delta_ij - p_i)}, section 2's
 *       formula. The default computation ({@link ArchEdges}) adds only the sampled ops in the
 *       forward pass, takes {@code dL/dg_j = sum(dL/dy * o_j)} after the backward pass ({@link
 *       ArchProbe}) and back-propagates it through the same gates to alpha; {@link
 *       #fuseArchStep}{@code (false)} selects the literal per-edge form it is tested against.
 *       Optionally ({@code nash.search.arch-gradient = two-path}) only two candidates per edge are
 *       computed and the gradient is an unbiased estimate ({@link PathPairs}).
 * </ul>
 *
 * <p>Memory: one NDManager owns the parameters; every call works in a sub-manager to which the
 * parameters are temporarily attached, so every intermediate is freed when the call returns. Only
 * Java arrays leave a call. Not thread-safe: one caller at a time. Gradient computations take a
 * JVM-wide lock because DJL's PyTorch GradientCollector is process-wide.
 *
 * <p><b>28x28 inputs</b> are used as they are (no padding to 32x32): the stride-2 ops handle odd
 * maps, see {@link CandidateOp}. The final pool is a global average pool.
 *
 * <p><b>Reproducibility.</b> Gradients are exact and repeatable run to run. libtorch's oneDNN
 * convolutions returned NaN gradients now and then at widths that are not multiples of 16; {@link
 * TorchRuntime} switches oneDNN off for such networks, which {@code SupernetTest} checks.
 */
public final class Supernet implements AutoCloseable {
  /** Which computation a forward pass serves. */
  public enum Mode {
    /** Train weights: sampled op per edge only, alpha frozen. */
    WEIGHT,
    /** Train alpha: every candidate with gates, weights frozen. */
    ARCH,
    /** No gradient: sampled op per edge. */
    EVAL
  }

  private static final ReentrantLock AUTOGRAD = Autograd.LOCK;
  private static final Logger LOG = LoggerFactory.getLogger(Supernet.class);

  private final SupernetSpec spec;
  private final Device device;
  private final NDManager manager;
  private final ParamTable table;
  private final Norms norms;
  private final NDArray alpha;
  private final int[] stem; // conv, gamma, beta
  private final List<NashGroup> groups = new ArrayList<>();
  private final int fcW;
  private final int fcB;
  private final int finalChannels;
  private boolean fuseArch = true;

  /** Whether the gradient steps' convolutions compute in bf16 ({@link #computeInBf16}). */
  private boolean bf16;

  /** The path whose BN statistics {@link #norms} holds, or null (batch statistics). */
  private SampledPath calibrated;

  private Supernet(SupernetSpec spec, Device device) {
    this.spec = spec;
    this.device = device;
    TorchRuntime.prepare(spec.width(), !device.isGpu());
    this.manager = NDManager.newBaseManager(device);
    this.table = new ParamTable(manager);
    this.norms = new Norms(manager);
    int w = spec.width();
    int k = spec.backbone() == Backbone.RESNET18 ? 7 : 3;
    int cin = spec.inChannels();
    stem =
        new int[] {
          table.add(
              "stem.conv.w",
              new Shape(w, cin, k, k),
              ParamTable.Kind.FAN_IN_UNIFORM,
              cin * k * k,
              -1,
              -1),
          table.add("stem.bn.gamma", new Shape(w), ParamTable.Kind.ONES, 1, -1, -1),
          table.add("stem.bn.beta", new Shape(w), ParamTable.Kind.ZEROS, 1, -1, -1)
        };
    int size = spec.stemOutputSize();
    int edgeOffset = 0;
    for (GroupSpec g : spec.backbone().groups()) {
      NashGroup group =
          new NashGroup(table, norms, g, spec.version(), w, edgeOffset, size, spec.plain());
      groups.add(group);
      edgeOffset += g.edges();
      size = group.outSize();
    }
    List<GroupSpec> specs = spec.backbone().groups();
    finalChannels = specs.get(specs.size() - 1).outChannels(w);
    fcW =
        table.add(
            "fc.w",
            new Shape(spec.classes(), finalChannels),
            ParamTable.Kind.FAN_IN_UNIFORM,
            finalChannels,
            -1,
            -1);
    fcB = table.add("fc.b", new Shape(spec.classes()), ParamTable.Kind.BIAS, finalChannels, -1, -1);
    alpha = manager.zeros(new Shape(spec.backbone().totalEdges(), spec.opCount()));
  }

  /** Builds the network on the CPU (weights zero until {@link #loadWeights} is called). */
  public static Supernet build(SupernetSpec spec) {
    return new Supernet(spec, Device.cpu());
  }

  /** Builds the network on {@code device} (e.g. the GPU a Spark task was given). */
  public static Supernet build(SupernetSpec spec, Device device) {
    return new Supernet(spec, device);
  }

  public SupernetSpec spec() {
    return spec;
  }

  /** Number of weight tensors (alpha excluded). */
  public int tensorCount() {
    return table.size();
  }

  /** Stable name of weight tensor {@code i}, e.g. {@code g1.e0.conv_3x3.w}. */
  public String tensorName(int i) {
    return table.name(i);
  }

  public long[] tensorShape(int i) {
    return table.shape(i);
  }

  /** Values of every weight tensor at initialisation from {@code seed} (PyTorch's default init). */
  public float[][] initialWeights(long seed) {
    return table.initialValues(seed);
  }

  /** Loads every weight tensor, in {@link #tensorName} order. */
  public void loadWeights(float[][] values) {
    if (values.length != table.size()) {
      throw new IllegalArgumentException(
          values.length + " weight arrays: the network has " + table.size() + " tensors");
    }
    int[] ids = new int[values.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
    }
    table.load(ids, values);
  }

  /** Loads the listed weight tensors only (e.g. those an optimizer step changed). */
  public void loadWeights(int[] ids, float[][] values) {
    table.load(ids, values);
  }

  /** Copies of every weight tensor, in {@link #tensorName} order. */
  public float[][] exportWeights() {
    float[][] out = new float[table.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = table.values(i);
    }
    return out;
  }

  /** Loads the flat raw alpha ({@code edges x ops}). */
  public void loadAlpha(float[] flat) {
    if (flat.length != alpha.size()) {
      throw new IllegalArgumentException(
          "alpha has " + flat.length + " values: the network needs " + alpha.getShape());
    }
    ParamTable.copyInto(alpha, flat);
  }

  public float[] exportAlpha() {
    return alpha.toFloatArray();
  }

  /** Ids of the weights a weight step on {@code path} gives gradients: backbone + sampled ops. */
  public int[] touchedTensors(SampledPath path) {
    checkPath(path);
    int[] ids = new int[table.size()];
    int n = 0;
    for (int i = 0; i < table.size(); i++) {
      int e = table.edge(i);
      if (e < 0 || path.op(e) == table.op(i)) {
        ids[n++] = i;
      }
    }
    return java.util.Arrays.copyOf(ids, n);
  }

  /**
   * Gradients of the mean cross-entropy on one batch w.r.t. the weights the sampled path touches
   * (alpha frozen, one op per edge).
   *
   * @param x images, {@code n x channels x size x size}, row-major
   */
  public StepGradients weightGradients(float[] x, int[] y, SampledPath path) {
    checkPath(path);
    AUTOGRAD.lock();
    try (NDManager sub = manager.newSubManager()) {
      attach(sub);
      table.requireGradients(true);
      try (Bf16.Scope scope = Bf16.scope(bf16)) {
        Result r = lossOf(sub, x, y, Mode.WEIGHT, path, null);
        int[] ids = touchedTensors(path);
        float[][] grads = new float[ids.length][];
        for (int k = 0; k < ids.length; k++) {
          grads[k] = table.takeGradient(ids[k]);
        }
        return new StepGradients(r.loss, r.correct, y.length, ids, grads);
      } finally {
        table.requireGradients(false);
      }
    } finally {
      AUTOGRAD.unlock();
    }
  }

  /** Gradient of the mean cross-entropy on one batch w.r.t. alpha (weights frozen). */
  public StepGradients archGradients(float[] x, int[] y, SampledPath path) {
    return archGradients(x, y, path, null);
  }

  /**
   * The alpha gradient as {@link #archGradients(float[], int[], SampledPath)}, or with {@code
   * pairs} its two-path estimate: only each edge's pair of candidates is computed besides the
   * sampled op, and their gate gradients are weighted by {@code 1 / pi} (the estimator is stated in
   * {@link PathPairs}). Two-path needs the fused step.
   *
   * @param pairs {@code null}: the exact gradient
   */
  public StepGradients archGradients(float[] x, int[] y, SampledPath path, PathPairs pairs) {
    checkPath(path);
    if (pairs != null && (pairs.edges() != path.edges() || pairs.opCount() != spec.opCount())) {
      throw new IllegalArgumentException(
          "two-path pairs cover "
              + pairs.edges()
              + " edges x "
              + pairs.opCount()
              + " ops: the network has "
              + path.edges()
              + " x "
              + spec.opCount());
    }
    if (pairs != null && !fuseArch) {
      throw new IllegalStateException("two-path arch gradient needs the fused arch step");
    }
    AUTOGRAD.lock();
    try (NDManager sub = manager.newSubManager()) {
      attach(sub);
      alpha.setRequiresGradient(true);
      try (Bf16.Scope scope = Bf16.scope(bf16)) {
        Result r = lossOf(sub, x, y, Mode.ARCH, path, pairs);
        float[] g = ParamTable.takeGradient(alpha);
        return new StepGradients(
            r.loss, r.correct, y.length, new int[] {StepGradients.ALPHA}, new float[][] {g});
      } finally {
        alpha.setRequiresGradient(false);
      }
    } finally {
      AUTOGRAD.unlock();
    }
  }

  /** Loss and correct count of one batch on {@code path}, without gradients. */
  public StepGradients evaluate(float[] x, int[] y, SampledPath path) {
    checkPath(path);
    try (NDManager sub = manager.newSubManager()) {
      attach(sub);
      Result r = lossOf(sub, x, y, Mode.EVAL, path, null);
      return new StepGradients(r.loss, r.correct, y.length, new int[0], new float[0][]);
    }
  }

  /**
   * Re-estimates BatchNorm statistics for {@code path} from {@code batches} (forward passes in EVAL
   * mode, each normalised with its own batch statistics, as in training); later {@link #evaluate}
   * and {@link #logits} calls on that path normalise with the pooled statistics until {@link
   * #clearBatchNormStatistics}. Without it, evaluation uses each batch's own statistics.
   *
   * @param batches images, each {@code n x channels x size x size} row-major
   */
  public void calibrateBatchNorm(List<float[]> batches, SampledPath path) {
    checkPath(path);
    if (batches.isEmpty()) {
      throw new IllegalArgumentException("BatchNorm calibration needs at least one batch");
    }
    int per = spec.inChannels() * spec.imageSize() * spec.imageSize();
    norms.collect();
    try {
      for (float[] x : batches) {
        try (NDManager sub = manager.newSubManager()) {
          attach(sub);
          forward(input(sub, x, x.length / per), Mode.EVAL, path, null, null);
        }
      }
      norms.fix();
      calibrated = path;
    } catch (RuntimeException e) {
      norms.release();
      calibrated = null;
      throw e;
    }
  }

  /** Back to batch statistics in evaluation. */
  public void clearBatchNormStatistics() {
    norms.release();
    calibrated = null;
  }

  /** Class logits of a batch (EVAL mode), {@code n x classes} row-major. */
  public float[] logits(float[] x, int n, SampledPath path) {
    checkPath(path);
    try (NDManager sub = manager.newSubManager()) {
      attach(sub);
      return forward(input(sub, x, n), Mode.EVAL, path, null, null).toFloatArray();
    }
  }

  /**
   * Asks for bf16 compute in the convolutions of {@link #weightGradients} and {@link
   * #archGradients} ({@link Bf16} says what is cast); evaluation, BatchNorm, the loss, the gate
   * gradients and every parameter stay float32. Returns whether bf16 is on: where the device cannot
   * compute in bf16 ({@link Bf16#unavailable}) the network stays in float32 and one log line says
   * why.
   */
  public boolean computeInBf16(boolean want) {
    return computeInBf16(want, want ? Bf16.unavailable(device) : null);
  }

  /** {@link #computeInBf16(boolean)} with the reason bf16 is unavailable given (tests). */
  boolean computeInBf16(boolean want, String unavailable) {
    if (want && unavailable != null) {
      LOG.warn("bf16 compute: {}; computing in float32", unavailable);
    }
    bf16 = want && unavailable == null;
    return bf16;
  }

  /**
   * Whether the architecture step uses the fused edge computation ({@link ArchEdges}, the default)
   * or the per-edge reference; for tests that compare the two.
   */
  void fuseArchStep(boolean on) {
    fuseArch = on;
  }

  private record Result(double loss, int correct) {}

  private Result lossOf(
      NDManager sub, float[] x, int[] y, Mode mode, SampledPath path, PathPairs pairs) {
    NDArray xs = input(sub, x, y.length);
    NDArray labels = sub.create(y);
    if (mode == Mode.EVAL) {
      NDArray logits = forward(xs, mode, path, null, null);
      return result(logits, labels, crossEntropy(logits, labels));
    }
    try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
      if (mode == Mode.ARCH && fuseArch) {
        // the forward adds only the sampled ops; the gate gradients dL/dg are taken after the
        // backward pass (ArchProbe), then carried to alpha through the same gates
        ArchProbe probe = new ArchProbe(pairs);
        NDArray logits = forward(xs, mode, path, null, probe);
        NDArray loss = crossEntropy(logits, labels);
        gc.backward(loss);
        NDArray dg = probe.gateGradients(path.edges(), spec.opCount());
        NDArray g = gates(alpha, path).reshape(dg.getShape());
        gc.backward(g.mul(dg).sum());
        return result(logits, labels, loss);
      }
      NDArray gates = mode == Mode.ARCH ? gates(alpha, path) : null;
      NDArray logits = forward(xs, mode, path, gates, null);
      NDArray loss = crossEntropy(logits, labels);
      gc.backward(loss);
      return result(logits, labels, loss);
    }
  }

  private static Result result(NDArray logits, NDArray labels, NDArray loss) {
    long correct =
        logits.argMax(1).eq(labels.toType(DataType.INT64, false)).countNonzero().getLong();
    return new Result(loss.getFloat(), (int) correct);
  }

  private NDArray crossEntropy(NDArray logits, NDArray labels) {
    NDArray onehot = labels.oneHot(spec.classes());
    return logits.logSoftmax(1).mul(onehot).sum(new int[] {1}).mean().neg();
  }

  /** {@code g = onehot(path) + (p - stopGradient(p))}, shaped {@code [edges, ops, 1, 1, 1]}. */
  static NDArray gates(NDArray alpha, SampledPath path) {
    int ops = Math.toIntExact(alpha.getShape().get(1));
    float[] onehot = new float[path.edges() * ops];
    for (int e = 0; e < path.edges(); e++) {
      onehot[e * ops + path.op(e)] = 1f;
    }
    NDArray p = alpha.softmax(1);
    // onehot + (p - p): the value is exactly the one-hot, the gradient that of p
    NDArray g = alpha.getManager().create(onehot, alpha.getShape()).add(p.sub(p.stopGradient()));
    return g.reshape(path.edges(), ops, 1, 1, 1);
  }

  private NDArray input(NDManager sub, float[] x, int n) {
    int c = spec.inChannels();
    int s = spec.imageSize();
    if (n < 1 || x.length != (long) n * c * s * s) {
      throw new IllegalArgumentException(
          "batch has "
              + x.length
              + " values for "
              + n
              + " images: expected n x "
              + c
              + " x "
              + s
              + " x "
              + s);
    }
    return sub.create(x, new Shape(n, c, s, s));
  }

  /**
   * The forward pass. ARCH mode takes either {@code gates} (the per-edge reference) or {@code
   * probe} (the fused step); both are null otherwise.
   */
  NDArray forward(NDArray x, Mode mode, SampledPath path, NDArray gates, ArchProbe probe) {
    int pad = spec.backbone() == Backbone.RESNET18 ? 3 : 1;
    int stride = spec.backbone() == Backbone.RESNET18 ? 2 : 1;
    norms.beginPass(mode == Mode.EVAL && path.equals(calibrated));
    NDArray h = Binarize.conv2d(x, table.array(stem[0]), stride, pad);
    h = norms.affine(h, table.array(stem[1]), table.array(stem[2]));
    if (spec.backbone() == Backbone.RESNET18) {
      h = Activation.relu(h);
    }
    for (NashGroup g : groups) {
      h = g.forward(h, mode, path, gates, probe, table, norms);
    }
    // global average pool (for ResNet18 on 32x32 this is the 2x2 average pool of the method)
    Shape hs = h.getShape();
    NDArray pooled = h.reshape(hs.get(0), hs.get(1), -1).mean(new int[] {2});
    return Linear.linear(pooled, table.array(fcW), table.array(fcB)).singletonOrThrow();
  }

  private void attach(NDManager sub) {
    for (NDArray a : table.arrays()) {
      a.tempAttach(sub);
    }
    for (NDArray a : norms.arrays()) {
      a.tempAttach(sub);
    }
    alpha.tempAttach(sub);
  }

  private void checkPath(SampledPath path) {
    if (path.edges() != spec.backbone().totalEdges()) {
      throw new IllegalArgumentException(
          "path has "
              + path.edges()
              + " edges: "
              + spec.backbone()
              + " has "
              + spec.backbone().totalEdges());
    }
    for (int e = 0; e < path.edges(); e++) {
      if (path.op(e) >= spec.opCount()) {
        throw new IllegalArgumentException(
            "path edge "
                + e
                + " op = "
                + path.op(e)
                + ": "
                + spec.version()
                + " has ops 0.."
                + (spec.opCount() - 1));
      }
    }
  }

  /**
   * Forward multiply-accumulates per image of the convs and the classifier a pass really runs:
   * backbone + the sampled op per edge (WEIGHT, EVAL), or backbone + every candidate (ARCH).
   */
  public long forwardMacs(Mode mode, SampledPath path) {
    long macs = stemMacs() + (long) finalChannels * spec.classes();
    int edgeOffset = 0;
    for (NashGroup g : groups) {
      macs += g.backboneMacs(spec.width());
      for (int e = 0; e < g.edgeCount(); e++) {
        if (mode == Mode.ARCH) {
          for (int k = 0; k < spec.opCount(); k++) {
            macs += g.edgeMacs(e, k);
          }
        } else {
          macs += g.edgeMacs(e, path.op(edgeOffset + e));
        }
      }
      edgeOffset += g.spec().edges();
    }
    return macs;
  }

  /**
   * Multiply-accumulates per image of a whole step, forward and backward, as this implementation
   * executes it:
   *
   * <ul>
   *   <li>WEIGHT: 3 x forward (forward, input gradient, weight gradient), the convention of a plain
   *       training step.
   *   <li>ARCH: the forward of the backbone and every candidate, plus the input gradients of the
   *       classifier, the backbone without the stem (nothing before it needs a gradient) and the
   *       sampled op of each edge. Weights are frozen (no weight gradients) and the unsampled
   *       candidates' backward is exactly zero and skipped ({@link ArchEdges}).
   *   <li>EVAL: the forward.
   * </ul>
   */
  public long stepMacs(Mode mode, SampledPath path) {
    return switch (mode) {
      case WEIGHT -> 3 * forwardMacs(Mode.WEIGHT, path);
      case ARCH -> forwardMacs(Mode.ARCH, path) + forwardMacs(Mode.WEIGHT, path) - stemMacs();
      case EVAL -> forwardMacs(Mode.EVAL, path);
    };
  }

  private long stemMacs() {
    long px = (long) spec.stemOutputSize() * spec.stemOutputSize();
    return px * spec.width() * spec.inChannels() * (spec.backbone() == Backbone.RESNET18 ? 49 : 9);
  }

  @Override
  public void close() {
    manager.close();
  }
}
