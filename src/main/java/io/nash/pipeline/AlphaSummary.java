package io.nash.pipeline;

import io.nash.space.ArchWeights;
import io.nash.space.GroupSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A compact summary of softmax(alpha) for progress logs: per op, the mean probability over all
 * edges, and the largest single-edge probability (how far the search has committed). Stateless.
 */
final class AlphaSummary {
  private AlphaSummary() {}

  public static Map<String, Object> of(ArchWeights alpha) {
    int ops = alpha.opCount();
    double[] mean = new double[ops];
    double max = 0;
    int edges = 0;
    for (GroupSpec g : alpha.backbone().groups()) {
      for (double[] p : alpha.probabilities(g.index())) {
        for (int k = 0; k < ops; k++) {
          mean[k] += p[k];
          max = Math.max(max, p[k]);
        }
        edges++;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Double> perOp = new LinkedHashMap<>();
    for (int k = 0; k < ops; k++) {
      perOp.put(alpha.version().ops().get(k).jsonName(), round(mean[k] / edges));
    }
    m.put("mean_p", perOp);
    m.put("max_p", round(max));
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }
}
