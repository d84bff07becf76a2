package io.nash.testutil;

import io.nash.search.api.Batch;
import io.nash.search.api.EvalResult;
import io.nash.search.api.ParamLayout;
import io.nash.search.api.Placement;
import io.nash.search.api.SearchModel;
import io.nash.search.api.SearchModelFactory;
import io.nash.search.api.StepRequest;
import io.nash.search.api.StepResult;
import io.nash.space.Backbone;
import io.nash.space.Genotype;
import io.nash.space.GroupSpec;
import io.nash.space.NashVersion;
import io.nash.space.Node;
import io.nash.space.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A pure-Java stand-in for the DJL supernet, exact enough to test every distributed property:
 * softmax regression whose logits are {@code base*x + bias + s * sum_e W[e, k_e] x} over the NASH
 * edges of a backbone/version (edge e samples op k_e from softmax(alpha_e); op 0, {@code none},
 * adds nothing and has no weights). Inputs are centred by the batch mean (the "BN" whose statistics
 * evaluation re-estimates). Gradients: weights by the chain rule on the sampled path only; alpha by
 * the path-binarized estimator of nash-method.md section 2, {@code dL/dalpha_i = sum_j dL/dg_j p_j
 * (delta_ij - p_i)} with {@code dL/dg_j = sum dL/dz . s W[e,j] x}. Settings: dim, classes,
 * backbone, version, fail-genotype (a compact genotype whose evaluation throws). Not thread-safe
 * (the engine locks it). Also its own factory.
 */
public final class SoftmaxSupernet implements SearchModel, SearchModelFactory {
  private final int dim;
  private final int classes;
  private final int edges;
  private final int ops;
  private final double scale;
  private final Backbone backbone;
  private final NashVersion version;
  private final String failGenotype;
  private final ParamLayout layout;

  /** Factory constructor. */
  public SoftmaxSupernet() {
    this(Map.of());
  }

  private SoftmaxSupernet(Map<String, String> settings) {
    dim = Integer.parseInt(settings.getOrDefault("dim", "6"));
    classes = Integer.parseInt(settings.getOrDefault("classes", "3"));
    backbone = Backbone.fromName(settings.getOrDefault("backbone", "resnet18"));
    version = NashVersion.fromName(settings.getOrDefault("version", "v4"));
    failGenotype = settings.getOrDefault("fail-genotype", "");
    edges = backbone.totalEdges();
    ops = version.ops().size();
    scale = 1 / Math.sqrt(edges);
    List<String> names = new ArrayList<>(List.of("base", "bias"));
    List<Integer> sizes = new ArrayList<>(List.of(classes * dim, classes));
    for (int e = 0; e < edges; e++) {
      for (int k = 1; k < ops; k++) {
        names.add("e" + e + ".op" + k);
        sizes.add(classes * dim);
      }
    }
    layout = new ParamLayout(names, sizes.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Settings for a model of this class. */
  public static Map<String, String> settings(int dim, int classes) {
    return Map.of("dim", "" + dim, "classes", "" + classes);
  }

  @Override
  public SearchModel create(Map<String, String> settings) {
    return new SoftmaxSupernet(settings);
  }

  @Override
  public ParamLayout layout() {
    return layout;
  }

  @Override
  public int alphaSize() {
    return edges * ops;
  }

  /** Tensor index of edge e's op k (k >= 1). */
  int tensor(int e, int k) {
    return 2 + e * (ops - 1) + (k - 1);
  }

  @Override
  public float[] initialWeights(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] w = new float[layout.total()];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (0.1 * rnd.nextGaussian());
    }
    return w;
  }

  @Override
  public StepResult runSteps(StepRequest q) {
    float[] w = q.weights().clone();
    float[] a = q.alpha().clone();
    Map<Integer, float[]> wGrad = new TreeMap<>();
    float[] aGrad = null;
    java.util.Set<Integer> touched = new java.util.TreeSet<>();
    double tl = 0;
    double vl = 0;
    long tc = 0;
    long vc = 0;
    long tn = 0;
    long vn = 0;
    boolean arch = !q.validBatches().isEmpty(); // none: a weight-only warm-up request
    for (int s = 0; s < q.localSteps(); s++) {
      // architecture step on a validation batch, weights frozen
      if (arch) {
        Batch vb = q.validBatches().get(s);
        int[] path = samplePath(a, Seeds.archPath(q.pathSeed(), s));
        Forward fv = forward(w, path, vb, mean(List.of(vb)));
        vl += fv.lossSum;
        vc += fv.correct;
        vn += vb.size();
        aGrad = archGradient(w, a, fv, vb);
        if (q.localSteps() > 1) {
          axpy(a, 0, aGrad, -q.localAlphaLr());
        }
      }
      // weight step on a training batch, alpha frozen, only the sampled path gets gradients
      Batch tb = q.trainBatches().get(s);
      int[] tpath = samplePath(a, Seeds.weightPath(q.pathSeed(), s));
      Forward ft = forward(w, tpath, tb, mean(List.of(tb)));
      tl += ft.lossSum;
      tc += ft.correct;
      tn += tb.size();
      wGrad = weightGradient(tpath, ft, tb);
      touched.addAll(wGrad.keySet());
      if (q.localSteps() > 1) {
        for (Map.Entry<Integer, float[]> e : wGrad.entrySet()) {
          axpy(w, layout.offset(e.getKey()), e.getValue(), -q.localWeightLr());
        }
      }
    }
    if (q.localSteps() > 1) {
      wGrad = new TreeMap<>();
      for (int t : touched) {
        float[] d = new float[layout.size(t)];
        for (int i = 0; i < d.length; i++) {
          d[i] = w[layout.offset(t) + i] - q.weights()[layout.offset(t) + i];
        }
        wGrad.put(t, d);
      }
      aGrad = arch ? new float[a.length] : null;
      for (int i = 0; arch && i < a.length; i++) {
        aGrad[i] = a[i] - q.alpha()[i];
      }
    }
    return new StepResult(wGrad, aGrad, tl, tc, tn, vl, vc, vn);
  }

  @Override
  public EvalResult evaluate(
      float[] weights,
      Genotype g,
      List<Batch> bnBatches,
      List<Batch> validBatches,
      Placement placement) {
    if (g.backbone() != backbone || g.version() != version) {
      throw new IllegalArgumentException("genotype " + g + " is not a " + backbone + "/" + version);
    }
    if (g.compact().equals(failGenotype)) {
      throw new IllegalStateException("injected evaluation failure for " + g.compact());
    }
    // a genotype keeps one (op, input) per node: edge row start + input, op index k
    int[] path = new int[edges];
    int off = 0;
    for (GroupSpec spec : backbone.groups()) {
      for (int i = 0; i < spec.steps(); i++) {
        Node n = g.node(spec.index(), i);
        path[off + GroupSpec.edgeIndex(i, n.input())] = version.opIndex(n.op());
      }
      off += spec.edges();
    }
    double[] mu = mean(bnBatches);
    double loss = 0;
    long correct = 0;
    long n = 0;
    for (Batch b : validBatches) {
      Forward f = forward(weights, path, b, mu);
      loss += f.lossSum;
      correct += f.correct;
      n += b.size();
    }
    return new EvalResult(loss / n, (double) correct / n, n);
  }

  private int[] samplePath(float[] alpha, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] path = new int[edges];
    for (int e = 0; e < edges; e++) {
      double[] p = probs(alpha, e);
      double u = rnd.nextDouble();
      int k = 0;
      double c = p[0];
      while (u >= c && k < ops - 1) {
        c += p[++k];
      }
      path[e] = k;
    }
    return path;
  }

  private double[] probs(float[] alpha, int e) {
    float[] row = new float[ops];
    System.arraycopy(alpha, e * ops, row, 0, ops);
    return io.nash.space.ArchWeights.softmax(row);
  }

  private record Forward(double[][] xc, double[][] dz, double lossSum, long correct) {}

  /** Centred inputs, dL/dz of the batch-mean loss, the loss sum and the correct count. */
  private Forward forward(float[] w, int[] path, Batch b, double[] mu) {
    int n = b.size();
    double[][] xc = new double[n][dim];
    double[][] dz = new double[n][classes];
    double lossSum = 0;
    long correct = 0;
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < dim; d++) {
        xc[i][d] = b.features()[i * dim + d] - mu[d];
      }
      double[] z = new double[classes];
      for (int c = 0; c < classes; c++) {
        z[c] = w[layout.offset(1) + c] + dot(w, layout.offset(0) + c * dim, xc[i]);
        for (int e = 0; e < edges; e++) {
          if (path[e] != 0) {
            z[c] += scale * dot(w, layout.offset(tensor(e, path[e])) + c * dim, xc[i]);
          }
        }
      }
      double max = Double.NEGATIVE_INFINITY;
      int arg = 0;
      for (int c = 0; c < classes; c++) {
        if (z[c] > max) {
          max = z[c];
          arg = c;
        }
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp(z[c] - max);
      }
      int y = b.labels()[i];
      lossSum += -(z[y] - max - Math.log(sum));
      correct += arg == y ? 1 : 0;
      for (int c = 0; c < classes; c++) {
        dz[i][c] = (Math.exp(z[c] - max) / sum - (c == y ? 1 : 0)) / n;
      }
    }
    return new Forward(xc, dz, lossSum, correct);
  }

  private Map<Integer, float[]> weightGradient(int[] path, Forward f, Batch b) {
    Map<Integer, float[]> g = new HashMap<>();
    g.put(0, outer(f, 1));
    float[] bias = new float[classes];
    for (double[] row : f.dz) {
      for (int c = 0; c < classes; c++) {
        bias[c] += (float) row[c];
      }
    }
    g.put(1, bias);
    for (int e = 0; e < edges; e++) {
      if (path[e] != 0) {
        g.put(tensor(e, path[e]), outer(f, scale));
      }
    }
    return g;
  }

  private float[] archGradient(float[] w, float[] alpha, Forward f, Batch b) {
    float[] g = new float[alpha.length];
    for (int e = 0; e < edges; e++) {
      double[] dg = new double[ops]; // dL/dg_j = sum_i dz_i . (s W[e,j] x_i); none: 0
      for (int j = 1; j < ops; j++) {
        int off = layout.offset(tensor(e, j));
        for (int i = 0; i < f.xc.length; i++) {
          for (int c = 0; c < classes; c++) {
            dg[j] += f.dz[i][c] * scale * dot(w, off + c * dim, f.xc[i]);
          }
        }
      }
      double[] p = probs(alpha, e);
      for (int i = 0; i < ops; i++) {
        double v = 0;
        for (int j = 0; j < ops; j++) {
          v += dg[j] * p[j] * ((i == j ? 1 : 0) - p[i]);
        }
        g[e * ops + i] = (float) v;
      }
    }
    return g;
  }

  private float[] outer(Forward f, double s) {
    float[] g = new float[classes * dim];
    for (int i = 0; i < f.xc.length; i++) {
      for (int c = 0; c < classes; c++) {
        for (int d = 0; d < dim; d++) {
          g[c * dim + d] += (float) (s * f.dz[i][c] * f.xc[i][d]);
        }
      }
    }
    return g;
  }

  private double[] mean(List<Batch> batches) {
    double[] mu = new double[dim];
    long n = 0;
    for (Batch b : batches) {
      for (int i = 0; i < b.size(); i++) {
        for (int d = 0; d < dim; d++) {
          mu[d] += b.features()[i * dim + d];
        }
      }
      n += b.size();
    }
    for (int d = 0; d < dim; d++) {
      mu[d] /= n;
    }
    return mu;
  }

  private static double dot(float[] w, int off, double[] x) {
    double s = 0;
    for (int d = 0; d < x.length; d++) {
      s += w[off + d] * x[d];
    }
    return s;
  }

  private static void axpy(float[] y, int off, float[] x, double a) {
    for (int i = 0; i < x.length; i++) {
      y[off + i] = (float) (y[off + i] + a * x[i]);
    }
  }
}
