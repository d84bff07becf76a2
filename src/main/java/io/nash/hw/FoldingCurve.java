package io.nash.hw;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fps-versus-resources curve of {@code nash estimate --curve}: per device, FINN SetFolding's
 * fastest fitting design, then every design of the resource-aware folding's curve at or above that
 * frame rate, up to the best one (finn-reference.md section 4.2). Each point carries max cycles,
 * fps and the LUT, BRAM_18K, URAM and DSP counts with their shares of the device's capacity.
 * Stateless; thread-safe.
 */
public final class FoldingCurve {
  private FoldingCurve() {}

  /** A table row keeps a point of ours only once fps has risen by this factor since the last. */
  public static final double TABLE_STEP = 1.1;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One point.
   *
   * @param source {@code setfolding} or {@code resource-aware}
   * @param fits whether the design fits the device's budget
   */
  public record Point(
      String device, String source, long maxCycles, double fps, Resources total, boolean fits) {}

  /**
   * The points of one estimate (made with the fit-device goal): SetFolding's design first, then
   * ours from SetFolding's fps on (all of ours if SetFolding's design does not fit).
   */
  public static List<Point> points(HardwareEstimate e) {
    List<Point> out = new ArrayList<>();
    String dev = e.device().name();
    HwReport sf = e.setFolding();
    out.add(new Point(dev, "setfolding", sf.maxCycles(), sf.fps(), sf.total(), e.setFoldingFits()));
    double from = e.setFoldingFits() ? sf.fps() : 0;
    if (!e.fits()) {
      Resources t = e.total();
      out.add(new Point(dev, "resource-aware", e.report().maxCycles(), e.fps(), t, false));
      return out;
    }
    for (ResourceAwareFolding.Point p : e.curve()) {
      if (p.fps() >= from) {
        out.add(new Point(dev, "resource-aware", p.maxCycles(), p.fps(), p.total(), true));
      }
    }
    return out;
  }

  /**
   * The table: per device SetFolding's row, then ours, thinned to points at least {@link
   * #TABLE_STEP} times faster than the previous row shown, and always the last (best) one.
   */
  public static String table(List<HardwareEstimate> estimates) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-10s %-15s %10s %10s %16s %14s %12s %14s %5s%n",
            "device",
            "folding",
            "fps",
            "cycles",
            "LUT",
            "BRAM_18K",
            "URAM",
            "DSP",
            "fits"));
    for (HardwareEstimate e : estimates) {
      List<Point> pts = points(e);
      Resources cap = e.device().capacity();
      double last = -1;
      for (int i = 0; i < pts.size(); i++) {
        Point p = pts.get(i);
        boolean ours = !"setfolding".equals(p.source());
        boolean lastPoint = i == pts.size() - 1;
        if (ours && !lastPoint && p.fps() < last * TABLE_STEP) {
          continue;
        }
        if (ours) {
          last = p.fps();
        }
        Resources t = p.total();
        sb.append(
            String.format(
                Locale.ROOT,
                "%-10s %-15s %10.2f %10d %16s %14s %12s %14s %5s%n",
                p.device(),
                p.source(),
                p.fps(),
                p.maxCycles(),
                count(t.lut(), cap.lut()),
                count(t.bram18(), cap.bram18()),
                count(t.uram(), cap.uram()),
                count(t.dsp(), cap.dsp()),
                p.fits() ? "yes" : "no"));
      }
    }
    return sb.toString();
  }

  private static String count(double v, double cap) {
    String share = cap > 0 ? String.format(Locale.ROOT, "%.1f%%", 100 * v / cap) : "-";
    return String.format(Locale.ROOT, "%.0f (%s)", v, share);
  }

  /** Every point of every estimate as one JSON object per line. */
  public static String jsonLines(List<HardwareEstimate> estimates) {
    StringBuilder sb = new StringBuilder();
    for (HardwareEstimate e : estimates) {
      Resources cap = e.device().capacity();
      for (Point p : points(e)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", p.device());
        m.put("folding", p.source());
        m.put("architecture", e.architecture());
        m.put("input", e.input().toString());
        m.put("clock_ns", e.clockNs());
        m.put("max_cycles", p.maxCycles());
        m.put("fps", p.fps());
        m.put("fits", p.fits());
        Resources t = p.total();
        m.put("LUT", t.lut());
        m.put("BRAM_18K", t.bram18());
        m.put("URAM", t.uram());
        m.put("DSP", t.dsp());
        m.put("LUT_share", share(t.lut(), cap.lut()));
        m.put("BRAM_18K_share", share(t.bram18(), cap.bram18()));
        m.put("URAM_share", share(t.uram(), cap.uram()));
        m.put("DSP_share", share(t.dsp(), cap.dsp()));
        try {
          sb.append(JSON.writeValueAsString(m)).append('\n');
        } catch (JsonProcessingException ex) {
          throw new IllegalStateException(ex);
        }
      }
    }
    return sb.toString();
  }

  private static Double share(double v, double cap) {
    return cap > 0 ? v / cap : null;
  }
}
