package io.nash.benchmarks;

import io.nash.train.TrainSettings;

import io.nash.train.TrainResult;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Markdown table of {@link CompareVersions}: per architecture, mean and sample standard
 * deviation over seeds of top-1 and top-5 (in %), and the network's size. Stateless.
 */
final class CompareTable {
  private CompareTable() {}

  /** Mean of xs. */
  static double mean(double[] xs) {
    double s = 0;
    for (double x : xs) {
      s += x;
    }
    return s / xs.length;
  }

  /** Sample standard deviation (n - 1); 0 for one value. */
  static double std(double[] xs) {
    if (xs.length < 2) {
      return 0;
    }
    double m = mean(xs);
    double s = 0;
    for (double x : xs) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (xs.length - 1));
  }

  static String markdown(
      Map<String, List<TrainResult>> results, TrainSettings s, int epochs, List<Long> seeds) {
    StringBuilder sb = new StringBuilder();
    sb.append("# NASH versions vs the non-NASH baseline (ResNet18, ")
        .append(s.data())
        .append(")\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "quant %s, width %d, %d epochs, batch %d, %s lr %s (%s), seeds %s, train images"
                    + " %s. Mean +- sample std over seeds; top-1/top-5 on the test split.%n%n",
                s.quant(),
                s.width(),
                epochs,
                s.batchSize(),
                s.optimizer().name().toLowerCase(Locale.ROOT),
                s.lr(),
                s.schedule().name().toLowerCase(Locale.ROOT),
                seeds,
                s.trainLimit() == 0 ? "all" : Integer.toString(s.trainLimit())))
        .append("| network | top-1 % | top-5 % | parameters | MACs/image | weight bits | s/run |\n")
        .append("|---|---|---|---|---|---|---|\n");
    results.forEach(
        (name, rs) -> {
          double[] t1 = rs.stream().mapToDouble(r -> 100 * r.top1()).toArray();
          double[] t5 =
              rs.stream().mapToDouble(r -> r.top5() == null ? 0 : 100 * r.top5()).toArray();
          TrainResult r0 = rs.get(0);
          sb.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %.2f +- %.2f | %.2f +- %.2f | %,d | %,d | %,d | %.0f |%n",
                  name,
                  mean(t1),
                  std(t1),
                  mean(t5),
                  std(t5),
                  r0.parameters(),
                  r0.macs(),
                  r0.weightBits(),
                  rs.stream().mapToDouble(TrainResult::seconds).average().orElse(0)));
        });
    return sb.toString();
  }
}
