package io.nash.report;

import java.util.Locale;

/**
 * Formats one console line per epoch/round of long work: position, loss, accuracy, throughput,
 * elapsed time and ETA (remaining units at the average pace so far). Pure formatting, no I/O, no
 * Spark or DJL; the caller passes the clock, so tests are exact. Immutable and thread-safe.
 *
 * <p>Example: {@code search round 2/10 (20%) loss 0.6931 acc 51.20% 1234 img/s elapsed 20s eta
 * 1m20s}.
 */
public final class Progress {
  private final String label;
  private final long total;
  private final long startNanos;

  /**
   * @param label what is counted ("search round", "retrain epoch")
   * @param total number of units, >= 1
   * @param startNanos {@link System#nanoTime()} when the work started
   */
  public Progress(String label, long total, long startNanos) {
    if (total < 1) {
      throw new IllegalArgumentException("progress total = " + total + ": must be >= 1");
    }
    this.label = label;
    this.total = total;
    this.startNanos = startNanos;
  }

  /**
   * The line after {@code done} units; NaN metrics are left out.
   *
   * @param accuracy fraction in [0, 1], printed as a percentage
   */
  public String line(long done, double loss, double accuracy, double imagesPerSec, long nowNanos) {
    StringBuilder sb = new StringBuilder();
    sb.append(label).append(' ').append(done).append('/').append(total);
    sb.append(String.format(Locale.ROOT, " (%d%%)", Math.round(100.0 * done / total)));
    if (!Double.isNaN(loss)) {
      sb.append(String.format(Locale.ROOT, " loss %.4f", loss));
    }
    if (!Double.isNaN(accuracy)) {
      sb.append(String.format(Locale.ROOT, " acc %.2f%%", 100 * accuracy));
    }
    if (!Double.isNaN(imagesPerSec)) {
      sb.append(String.format(Locale.ROOT, " %.0f img/s", imagesPerSec));
    }
    double elapsed = (nowNanos - startNanos) / 1e9;
    sb.append(" elapsed ").append(duration(elapsed));
    sb.append(" eta ").append(done <= 0 ? "--" : duration(elapsed / done * (total - done)));
    return sb.toString();
  }

  /** 5 -> "5s", 80 -> "1m20s", 3723 -> "1h02m03s"; negative or non-finite -> "--". */
  public static String duration(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      return "--";
    }
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
  }
}
