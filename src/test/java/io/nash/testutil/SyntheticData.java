package io.nash.testutil;

import io.nash.search.api.Batch;
import io.nash.search.api.SearchData;
import io.nash.search.api.SearchDataFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic classification data for engine tests: {@code x ~ N(0,1)^dim}, label =
 * argmax of a seeded teacher's logits plus noise. Spec {@code
 * synthetic:n=256,dim=6,classes=3,seed=7} (n samples per split). Immutable and thread-safe. Also
 * its own {@link SearchDataFactory}.
 */
public final class SyntheticData implements SearchData, SearchDataFactory {
  private final float[][] x; // [split][n*dim]
  private final int[][] y;
  private final int dim;

  /** Factory constructor (the engine instantiates factories by class name). */
  public SyntheticData() {
    this.x = null;
    this.y = null;
    this.dim = 0;
  }

  private SyntheticData(int n, int dim, int classes, long seed) {
    this.dim = dim;
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] teacher = new double[classes][dim];
    for (double[] row : teacher) {
      for (int d = 0; d < dim; d++) {
        row[d] = rnd.nextGaussian();
      }
    }
    x = new float[2][n * dim];
    y = new int[2][n];
    for (int s = 0; s < 2; s++) {
      for (int i = 0; i < n; i++) {
        int best = 0;
        double bestV = Double.NEGATIVE_INFINITY;
        for (int d = 0; d < dim; d++) {
          x[s][i * dim + d] = (float) rnd.nextGaussian();
        }
        for (int c = 0; c < classes; c++) {
          double v = 0.5 * rnd.nextGaussian();
          for (int d = 0; d < dim; d++) {
            v += teacher[c][d] * x[s][i * dim + d];
          }
          if (v > bestV) {
            bestV = v;
            best = c;
          }
        }
        y[s][i] = best;
      }
    }
  }

  /** The spec string for these parameters. */
  public static String spec(int n, int dim, int classes, long seed) {
    return "synthetic:n=" + n + ",dim=" + dim + ",classes=" + classes + ",seed=" + seed;
  }

  @Override
  public SearchData open(String spec, Map<String, String> hadoopSettings) {
    if (!spec.startsWith("synthetic:")) {
      throw new IllegalArgumentException("dataset spec '" + spec + "': must start with synthetic:");
    }
    Map<String, String> kv = new HashMap<>();
    for (String part : spec.substring("synthetic:".length()).split(",")) {
      String[] p = part.split("=", 2);
      kv.put(p[0], p[1]);
    }
    return new SyntheticData(
        Integer.parseInt(kv.get("n")),
        Integer.parseInt(kv.get("dim")),
        Integer.parseInt(kv.get("classes")),
        Long.parseLong(kv.get("seed")));
  }

  @Override
  public int size(Split split) {
    return y[split.ordinal()].length;
  }

  @Override
  public Batch batch(Split split, int[] indices) {
    float[] f = new float[indices.length * dim];
    int[] l = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(x[split.ordinal()], indices[i] * dim, f, i * dim, dim);
      l[i] = y[split.ordinal()][indices[i]];
    }
    return new Batch(f, l, new int[] {dim});
  }
}
