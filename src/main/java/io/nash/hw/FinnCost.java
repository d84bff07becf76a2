package io.nash.hw;

/**
 * FINN's analytical per-layer formulas (finn-reference.md section 3, FINN v0.10.1 line), one static
 * method per formula so each has its own known-answer test. Python's {@code int()} truncates toward
 * zero and its {@code /} is a float division: the methods compute in double where FINN does and
 * truncate where FINN does. Stateless and thread-safe.
 */
public final class FinnCost {
  private FinnCost() {}

  /** MVAU memory modes and RAM styles (FINN attribute values). */
  public static final String DECOUPLED = "internal_decoupled";

  public static final String EMBEDDED = "internal_embedded";
  public static final String EXTERNAL = "external";

  /**
   * The widest {@code ap_uint} FINN lets an HLS layer use: {@code HLSBackend.get_ap_int_max_w}
   * asserts {@code <= 8191} (hlsbackend.py).
   */
  public static final int HLS_AP_INT_MAX_W = 8191;

  static int ceilDiv(double a, double b) {
    return (int) Math.ceil(a / b);
  }

  // ---------------------------------------------------------------- MVAU (section 3.2)

  /** {@code int((MH/PE) * (MW/SIMD) * prod(numInputVectors))}. */
  public static long mvauCycles(int mw, int mh, int pe, int simd, long numInputVectors) {
    return (long) (((double) mh / pe) * ((double) mw / simd) * numInputVectors);
  }

  /** Whether the weights of an MVAU are held in BRAM (section 3.2, BRAM_18K zero cases). */
  static boolean mvauWeightsInBram(String memMode, String ramStyle, long wmem) {
    if (EXTERNAL.equals(memMode)) {
      return false;
    }
    if (EMBEDDED.equals(memMode)) {
      return wmem > 128;
    }
    return !("distributed".equals(ramStyle) || "ultra".equals(ramStyle));
  }

  /**
   * MVAU BRAM_18K: the FINN-R table over the memory width {@code PE*SIMD*W} and depth {@code omega
   * = MW*MH/(PE*SIMD)}; "auto" and "block" both count as BRAM.
   */
  public static int mvauBram(
      String memMode, String ramStyle, int pe, int simd, int w, int mw, int mh) {
    long omega = (long) mw * mh / ((long) pe * simd);
    if (!mvauWeightsInBram(memMode, ramStyle, omega)) {
      return 0;
    }
    return bramTable(pe * simd * w, omega);
  }

  /** The simple-dual-port RAMB18 table shared by the MVAU and the Vivado FIFO. */
  public static int bramTable(long memWidth, long omega) {
    if (memWidth == 1) {
      return ceilDiv(omega, 16384);
    } else if (memWidth == 2) {
      return ceilDiv(omega, 8192);
    } else if (memWidth <= 4) {
      return ceilDiv(omega, 4096) * ceilDiv(memWidth, 4);
    } else if (memWidth <= 9) {
      return ceilDiv(omega, 2048) * ceilDiv(memWidth, 9);
    } else if (memWidth <= 18 || omega > 512) {
      return ceilDiv(omega, 1024) * ceilDiv(memWidth, 18);
    }
    return ceilDiv(omega, 512) * ceilDiv(memWidth, 36);
  }

  /** {@code (W*MW*MH) / (BRAM*36*512)}, or 1 without BRAM. */
  public static double mvauBramEfficiency(int bram, int w, int mw, int mh) {
    return bram == 0 ? 1 : (double) w * mw * mh / (bram * 36.0 * 512.0);
  }

  /** MVAU URAM: {@code ceil(PE*SIMD*W/72) * ceil(omega/4096)} when the weights sit in URAM. */
  public static int mvauUram(
      String memMode, String ramStyle, int pe, int simd, int w, int mw, int mh) {
    long omega = (long) mw * mh / ((long) pe * simd);
    if ((DECOUPLED.equals(memMode) && !"ultra".equals(ramStyle))
        || (EMBEDDED.equals(memMode) && omega <= 128)
        || EXTERNAL.equals(memMode)) {
      return 0;
    }
    return ceilDiv(pe * simd * w, 72) * ceilDiv(omega, 4096);
  }

  /** {@code (W*MW*MH) / (URAM*72*4096)}, or 1 without URAM. */
  public static double mvauUramEfficiency(int uram, int w, int mw, int mh) {
    return uram == 0 ? 1 : (double) w * mw * mh / (uram * 72.0 * 4096.0);
  }

  /**
   * The FINN-R LUT model of MVAU_hls: {@code int(300 + 1.1 * P * (mult + addertree + acc + thr +
   * comp) + c2)}, with the accumulator width capped by the data-type bound of arXiv 2301.13376.
   */
  public static int mvauLutHls(
      int pe,
      int simd,
      int w,
      int a,
      int mw,
      int mh,
      boolean inputSigned,
      int accBits,
      int outBits,
      boolean noActivation,
      String memMode,
      String ramStyle,
      String ramStyleThresholds,
      String resType) {
    double c0 = 300;
    double c1 = 1.1;
    double c2 = 0;
    long wmem = (long) mw * mh / ((long) pe * simd);
    if ((DECOUPLED.equals(memMode) && "distributed".equals(ramStyle))
        || (EMBEDDED.equals(memMode) && wmem <= 128)) {
      c2 = (double) pe * simd * w * Math.ceil(wmem / 64.0);
    }
    double multLuts =
        "dsp".equals(resType) ? 0 : simd * (2 * Math.ceil((w + a) / 6.0) - 1) * (w + a);
    double adderTreeLuts = (double) (w + a) * (2 * simd - 1);
    double alpha = log2(mw) + w + a - 1 - (inputSigned ? 1 : 0);
    double accLuts = Math.min(accBits, Math.ceil(alpha + log2(1 + Math.pow(2, -alpha)) + 1));
    double thrLuts = 0;
    double compLuts = 0;
    if (!noActivation && "distributed".equals(ramStyleThresholds)) {
      double tmem = (double) mh / pe;
      thrLuts = (Math.pow(2, outBits) - 1) * accLuts * Math.ceil(tmem / 64);
      compLuts = (Math.pow(2, outBits) - 1) * accLuts;
    }
    return (int) (c0 + c1 * (pe * (multLuts + adderTreeLuts + accLuts + thrLuts + compLuts)) + c2);
  }

  /**
   * {@code MVAU.get_weightstream_width} (matrixvectoractivation.py): {@code PE * SIMD * W} with
   * {@code internal_decoupled} or {@code external} weights, else 0.
   */
  public static int mvauWeightStreamWidth(String memMode, int pe, int simd, int w) {
    return DECOUPLED.equals(memMode) || EXTERNAL.equals(memMode) ? pe * simd * w : 0;
  }

  /**
   * {@code MVAU_hls.get_ap_int_max_w} (hls/matrixvectoractivation_hls.py): the largest of the input
   * stream {@code SIMD * A}, the output stream {@code PE * O}, the weight stream and one PE's
   * weight word {@code SIMD * W}.
   */
  public static int mvauHlsApIntMaxWidth(
      int pe, int simd, int a, int outBits, int w, String memMode) {
    int io = Math.max(simd * a, pe * outBits);
    return Math.max(Math.max(io, mvauWeightStreamWidth(memMode, pe, simd, w)), simd * w);
  }

  /** MVAU_hls DSP: {@code P * Q * ceil((W+A)/48)} with resType "dsp", else 0. */
  public static int mvauDspHls(int pe, int simd, int w, int a, String resType) {
    return "dsp".equals(resType) ? pe * simd * ceilDiv(w + a, 48) : 0;
  }

  /** MVAU_rtl DSP: {@code P * ceil(Q/3)} on DSP58, else {@code ceil(P/4) * Q}. */
  public static int mvauDspRtl(int pe, int simd, DspType dsp) {
    return dsp == DspType.DSP58 ? pe * ceilDiv(simd, 3) : ceilDiv(pe, 4) * simd;
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  // ---------------------------------------------------------------- sliding window (3.4)

  /** The RAM width FINN picks for a buffer of {@code depth} words (36/18/9/4/2/1). */
  public static int ramWidthForDepth(double depth) {
    if (depth <= 512) {
      return 36;
    } else if (depth <= 1024) {
      return 18;
    } else if (depth <= 2048) {
      return 9;
    } else if (depth <= 4096) {
      return 4;
    } else if (depth <= 8192) {
      return 2;
    }
    return 1;
  }

  /** HLS 2D: {@code int(IFM_w*k_h*dil_h*cf + OFM_h*max(OFM_w*k_w*k_h*cf, stride_w*IFM_w*cf))}. */
  public static long swgHlsCycles(
      int k, int stride, int dil, int ifmW, int ofmH, int ofmW, int c, int simd) {
    double cf = (double) c / simd;
    double write = ofmW * (double) k * k * cf;
    double read = stride * (double) ifmW * cf;
    return (long) (ifmW * (double) k * dil * cf + ofmH * Math.max(write, read));
  }

  /** HLS 2D BRAM: {@code (k + stride) * ceil(SIMD*A/ram_width)} for block/auto RAM style. */
  public static int swgHlsBram(
      String ramStyle, int k, int stride, int ifmDim, int c, int simd, int a) {
    if (!("block".equals(ramStyle) || "auto".equals(ramStyle))) {
      return 0;
    }
    double depth = (double) ifmDim * c / simd;
    int width = ramWidthForDepth(depth);
    return (int) ((k + stride) * (Math.ceil(simd * (double) a / width) * Math.ceil(depth / depth)));
  }

  /** HLS 2D LUT: {@code 300 + (k+stride)*SIMD*A*ceil(IFM_dim*C/SIMD/64)} for distributed RAM. */
  public static int swgHlsLut(
      String ramStyle, int k, int stride, int ifmDim, int c, int simd, int a) {
    int ramLuts = 0;
    if ("distributed".equals(ramStyle)) {
      ramLuts = (k + stride) * simd * a * ceilDiv((double) ifmDim * c / simd, 64);
    }
    return 300 + ramLuts;
  }

  /** HLS 2D URAM: {@code (k+stride)*ceil(SIMD*A/64)*ceil(IFM_dim*C/SIMD/4096)} for ultra. */
  public static int swgHlsUram(
      String ramStyle, int k, int stride, int ifmDim, int c, int simd, int a) {
    if (!"ultra".equals(ramStyle)) {
      return 0;
    }
    return (k + stride) * ceilDiv(simd * a, 64) * ceilDiv((double) ifmDim * c / simd, 4096);
  }

  /** RTL buffer depth of the default (non-parallel) style, 2D. */
  public static long swgRtlBufferDepthDefault(
      int k, int stride, int dil, int ifmW, int c, int simd) {
    long cf = c / simd;
    long depth = ((long) (k - 1) * dil * ifmW + (long) (k - 1) * dil + 1) * cf;
    depth += Math.max(0, (stride - 1 - (long) k * k) * cf);
    depth += Math.max(0, ((long) (stride - 1) * ifmW - (long) k * k) * cf);
    return depth;
  }

  /** RTL buffer depth of the parallel style: {@code ((k-1)*dil*W + (k-1)*dil)*cf + 2}. */
  public static long swgRtlBufferDepthParallel(int k, int dil, int ifmW, int c, int simd) {
    long cf = c / simd;
    return ((long) (k - 1) * dil * ifmW + (long) (k - 1) * dil) * cf + 1 + 1;
  }

  /**
   * RTL cycles. Parallel style: {@code H*W*cf + 2}. Default style, 2D: {@code buffer_min_size +
   * OFM_h*max(OFM_w*k*k*cf, stride*IFM_w*cf)}; the depthwise correction {@code OFM_w*(stride-1)*
   * (cf-1)} is added to the write term (our reading of "inside the max term") and {@code
   * (stride-1)*IFM_w*cf} at the end.
   */
  public static long swgRtlCycles(
      boolean parallel,
      boolean depthwise,
      int k,
      int stride,
      int dil,
      int ifmH,
      int ifmW,
      int ofmH,
      int ofmW,
      int c,
      int simd) {
    long cf = c / simd;
    if (parallel) {
      return (long) ifmH * ifmW * cf + 2;
    }
    long bufferMin = ((long) (k - 1) * dil * ifmW + (long) (k - 1) * dil + 1) * cf;
    long write = (long) ofmW * k * k * cf;
    long read = (long) stride * ifmW * cf;
    if (depthwise) {
      write += (long) ofmW * (stride - 1) * (cf - 1);
    }
    long cycles = bufferMin + (long) ofmH * Math.max(write, read);
    if (depthwise) {
      cycles += (long) (stride - 1) * ifmW * cf;
    }
    return cycles;
  }

  /**
   * RTL BRAM: {@code (ceil(depth/16384)*ceil(width/ram_width) - cascade_savings) * count}, where
   * the savings apply to depths beyond 16384.
   */
  public static int swgRtlBram(String ramStyle, long depth, int width, int count) {
    if (!("block".equals(ramStyle) || "auto".equals(ramStyle)) || depth <= 0 || count <= 0) {
      return 0;
    }
    int ramWidth = ramWidthForDepth(depth);
    int savings = 0;
    if (depth > 16384) {
      long rem = depth % 16384;
      int remWidth = ramWidthForDepth(rem);
      savings = ceilDiv(width, ramWidth) - ceilDiv(width, remWidth);
    }
    return (ceilDiv(depth, 16384) * ceilDiv(width, ramWidth) - savings) * count;
  }

  /** RTL LUT: {@code 300 + buffer_width*ceil(buffer_depth/38)} for distributed RAM. */
  public static int swgRtlLut(String ramStyle, long bufferDepth, int width) {
    return 300 + ("distributed".equals(ramStyle) ? width * ceilDiv(bufferDepth, 38) : 0);
  }

  /** RTL URAM: {@code ceil(depth/4096)*ceil(width/72)*count} for ultra. */
  public static int swgRtlUram(String ramStyle, long depth, int width, int count) {
    if (!"ultra".equals(ramStyle) || depth <= 0) {
      return 0;
    }
    return ceilDiv(depth, 4096) * ceilDiv(width, 72) * count;
  }

  // ---------------------------------------------------------------- thresholding (3.5)

  /** Thresholding_hls BRAM: {@code ceil(A*P/16)*ceil(TMEM/1024)} for block RAM and TMEM > 1. */
  public static int thresholdHlsBram(String ramStyle, int a, int pe, int channels) {
    int tmem = channels / pe;
    return "block".equals(ramStyle) && tmem > 1 ? ceilDiv(a * pe, 16) * ceilDiv(tmem, 1024) : 0;
  }

  /** Thresholding_hls LUT: {@code A*P + P*A*ceil(TMEM/64)} (the second term for distributed). */
  public static int thresholdHlsLut(String ramStyle, int a, int pe, int channels) {
    int tmem = channels / pe;
    int lut = a * pe;
    if ("distributed".equals(ramStyle) && tmem > 1) {
      lut += pe * a * ceilDiv(tmem, 64);
    }
    return lut;
  }

  /** Memory primitives FINN's Thresholding_rtl chooses from, in FINN's (tie-breaking) order. */
  static final String[] PRIM_NAMES = {
    "URAM", "URAM", "URAM", "URAM", "BRAM18", "BRAM18", "BRAM18", "LUTRAM"
  };

  static final int[][] PRIMS = {
    {72, 4096}, {36, 8192}, {18, 16384}, {9, 32768}, {36, 512}, {18, 1024}, {9, 2048}, {1, 64}
  };

  /**
   * Thresholding_rtl memory use as {@code {URAM, BRAM18, LUTRAM}} counts: for each memory geometry
   * {@code (Tw, cf*2^x)}, x in 0..O-1, the primitive with the least waste (ties to the earlier
   * primitive), times PE. {@code thresholdBits} is Tw, {@code outBits} is O.
   */
  public static int[] thresholdRtlMemory(int channels, int pe, int thresholdBits, int outBits) {
    int[] sum = new int[3];
    long cf = channels / pe;
    for (int x = 0; x < outBits; x++) {
      long depth = cf << x;
      int width = thresholdBits;
      long bestWaste = Long.MAX_VALUE;
      int best = -1;
      long bestCount = 0;
      for (int p = 0; p < PRIMS.length; p++) {
        long count = (long) ceilDiv(width, PRIMS[p][0]) * ceilDiv(depth, PRIMS[p][1]);
        long waste = count * PRIMS[p][0] * PRIMS[p][1] - (long) width * depth;
        if (waste < bestWaste) {
          bestWaste = waste;
          best = p;
          bestCount = count;
        }
      }
      int slot = "URAM".equals(PRIM_NAMES[best]) ? 0 : "BRAM18".equals(PRIM_NAMES[best]) ? 1 : 2;
      sum[slot] += (int) (pe * bestCount);
    }
    return sum;
  }

  // ---------------------------------------------------------------- pools, adds (3.6 - 3.9)

  /** StreamingMaxPool 2D: {@code int(IFM_w*IFM_w*(1 + 1/(k*k)))} (square-image assumption). */
  public static long maxPoolCycles2d(int ifmW, int k) {
    return (long) (ifmW * (double) ifmW * (1 + 1.0 / (k * k)));
  }

  /** StreamingMaxPool 1D: {@code OFM * (C/PE) * (k + 1)}. */
  public static long maxPoolCycles1d(int ofm, int c, int pe, int k) {
    return (long) (ofm * ((double) c / pe) * (k + 1));
  }

  /** Pool_hls: {@code int((C*prod(kernel)/PE) * prod(OutImgDims) * BatchSize)}. */
  public static long poolCycles(int c, int kh, int kw, int pe, int outH, int outW) {
    return (long) (((double) c * kh * kw / pe) * outH * outW * 1);
  }

  /** AddStreams, DuplicateStreams, Thresholding: {@code prod(numInputVectors) * C/PE}. */
  public static long streamCycles(long numInputVectors, int channels, int pe) {
    return (long) (numInputVectors * ((double) channels / pe));
  }

  /** LabelSelect: {@code int(Labels/PE)}. */
  public static long labelSelectCycles(int labels, int pe) {
    return (long) ((double) labels / pe);
  }

  /** FMPadding: {@code int((C/SIMD) * (H+padT+padB) * (W+padL+padR))}. */
  public static long fmPaddingCycles(int c, int simd, int h, int w, int[] pad) {
    return (long) (((double) c / simd) * 1 * (h + pad[0] + pad[2]) * (w + pad[1] + pad[3]));
  }

  /** DownSampler {@code get_exp_cycles}: {@code int(C / SIMD * 1 * ImgDim^2)} (2-D). */
  public static long downSamplerCycles(int c, int simd, int dim) {
    return (long) (((double) c / simd) * 1 * ((long) dim * dim));
  }

  /** network fps: {@code (1e9 / clk_ns) / max_cycles}. */
  public static double fps(double clockNs, long maxCycles) {
    return (1e9 / clockNs) / maxCycles;
  }

  /** network latency: {@code critical_path_cycles * clk_ns}. */
  public static double latencyNs(double clockNs, long criticalPathCycles) {
    return criticalPathCycles * clockNs;
  }
}
