package io.nash.hw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Known answers for every FINN formula; each expected value is worked out in the comment. */
class FinnCostTest {
  static final String D = FinnCost.DECOUPLED;

  @Test
  void mvauBramTableBranches() {
    // width 1 (P=Q=W=1): omega = 200*100 = 20000 -> ceil(20000/16384) = 2
    assertEquals(2, FinnCost.mvauBram(D, "auto", 1, 1, 1, 200, 100));
    // width 2 (Q=2): omega = 10000 -> ceil(10000/8192) = 2
    assertEquals(2, FinnCost.mvauBram(D, "block", 1, 2, 1, 200, 100));
    // width 3 <= 4 (P=3): omega = 4500*3/3 = 4500 -> ceil(4500/4096)=2 * ceil(3/4)=1 = 2
    assertEquals(2, FinnCost.mvauBram(D, "auto", 3, 1, 1, 4500, 3));
    // width 8 <= 9: omega = 5000 -> ceil(5000/2048)=3 * ceil(8/9)=1 = 3
    assertEquals(3, FinnCost.mvauBram(D, "auto", 1, 1, 8, 100, 50));
    // width 16 <= 18 (P=2, W=8): omega = 2500 -> ceil(2500/1024)=3 * ceil(16/18)=1 = 3
    assertEquals(3, FinnCost.mvauBram(D, "auto", 2, 1, 8, 100, 50));
    // width 32 > 18 but omega = 600*4/4 = 600 > 512 -> ceil(600/1024)=1 * ceil(32/18)=2 = 2
    assertEquals(2, FinnCost.mvauBram(D, "auto", 4, 1, 8, 600, 4));
    // width 100 (P=10, W=10), omega = 100*20/10 = 200 <= 512 -> ceil(200/512)=1 * ceil(100/36)=3
    assertEquals(3, FinnCost.mvauBram(D, "auto", 10, 1, 10, 100, 20));
    // zero cases: distributed / ultra with decoupled, embedded with WMEM <= 128, external
    assertEquals(0, FinnCost.mvauBram(D, "distributed", 1, 1, 8, 100, 50));
    assertEquals(0, FinnCost.mvauBram(D, "ultra", 1, 1, 8, 100, 50));
    assertEquals(0, FinnCost.mvauBram(FinnCost.EMBEDDED, "auto", 1, 1, 8, 16, 8)); // WMEM 128
    assertEquals(0, FinnCost.mvauBram(FinnCost.EXTERNAL, "auto", 1, 1, 8, 100, 50));
    // efficiency: 8*100*50 / (3*36*512) = 40000/55296
    assertEquals(40000.0 / 55296.0, FinnCost.mvauBramEfficiency(3, 8, 100, 50), 1e-15);
    assertEquals(1.0, FinnCost.mvauBramEfficiency(0, 8, 100, 50));
  }

  @Test
  void mvauUram() {
    // ultra: ceil(32/72)=1 * ceil(600/4096)=1 = 1; auto -> 0
    assertEquals(1, FinnCost.mvauUram(D, "ultra", 4, 1, 8, 600, 4));
    assertEquals(0, FinnCost.mvauUram(D, "auto", 4, 1, 8, 600, 4));
    // efficiency 8*600*4 / (1*72*4096) = 19200/294912
    assertEquals(19200.0 / 294912.0, FinnCost.mvauUramEfficiency(1, 8, 600, 4), 1e-15);
  }

  @Test
  void mvauLutHls() {
    // P=2 Q=4 W=2 A=2 MW=64 MH=16, unsigned input, acc 32 bits:
    // mult = 4*(2*ceil(4/6)-1)*4 = 16; adder = 4*(2*4-1) = 28;
    // alpha = 6+2+2-1 = 9; acc = min(32, ceil(9 + log2(1+2^-9) + 1)) = 11
    // LUT = int(300 + 1.1*2*(16+28+11)) = int(421.00000000000006) = 421
    assertEquals(421, lut("auto", "auto", "auto", false, 32));
    // distributed weights: c2 = 2*4*2*ceil(128/64) = 32 -> 453
    assertEquals(453, lut("distributed", "auto", "auto", false, 32));
    // distributed thresholds, B=2: thr = 3*11*ceil(8/64) = 33, comp = 33;
    // 300 + 1.1*2*(16+28+11+33+33) = 300 + 266.2 -> 566
    assertEquals(566, lut("auto", "distributed", "auto", false, 32));
    // resType dsp: mult = 0 -> 300 + 1.1*2*39 = 385.8 -> 385
    assertEquals(385, lut("auto", "auto", "dsp", false, 32));
    // signed input: alpha = 8, acc = ceil(8 + 0.0056 + 1) = 10 -> 300 + 1.1*2*54 = 418.8 -> 418
    assertEquals(418, lut("auto", "auto", "auto", true, 32));
    // accumulator narrower than the bound: acc = min(8, 11) = 8 -> 300 + 1.1*2*52 = 414.4 -> 414
    assertEquals(414, lut("auto", "auto", "auto", false, 8));
  }

  private static int lut(String ram, String thr, String res, boolean signed, int acc) {
    return FinnCost.mvauLutHls(2, 4, 2, 2, 64, 16, signed, acc, 2, false, D, ram, thr, res);
  }

  @Test
  void mvauDsp() {
    // hls: dsp -> P*Q*ceil((W+A)/48) = 2*4*1 = 8; auto/lut -> 0
    assertEquals(8, FinnCost.mvauDspHls(2, 4, 8, 8, "dsp"));
    assertEquals(0, FinnCost.mvauDspHls(2, 4, 8, 8, "auto"));
    // W+A = 50 -> ceil(50/48) = 2 -> 2*4*2 = 16
    assertEquals(16, FinnCost.mvauDspHls(2, 4, 25, 25, "dsp"));
    // rtl: DSP58 P*ceil(Q/3) = 4*3 = 12; DSP48E2 ceil(P/4)*Q = 1*7 = 7, P=5 -> 2*7 = 14
    assertEquals(12, FinnCost.mvauDspRtl(4, 7, DspType.DSP58));
    assertEquals(7, FinnCost.mvauDspRtl(4, 7, DspType.DSP48E2));
    assertEquals(14, FinnCost.mvauDspRtl(5, 7, DspType.DSP48E1));
  }

  @Test
  void mvauWeightStreamAndHlsWidths() {
    // get_weightstream_width: P*Q*W decoupled or external, 0 embedded: 64*21*8 = 10752
    assertEquals(10752, FinnCost.mvauWeightStreamWidth(D, 64, 21, 8));
    assertEquals(10752, FinnCost.mvauWeightStreamWidth(FinnCost.EXTERNAL, 64, 21, 8));
    assertEquals(0, FinnCost.mvauWeightStreamWidth(FinnCost.EMBEDDED, 64, 21, 8));
    // MVAU_hls.get_ap_int_max_w = max(SIMD*A, PE*O, weight stream, SIMD*W):
    // decoupled max(21*8, 64*8, 10752, 21*8) = 10752; embedded max(168, 512, 0, 168) = 512
    assertEquals(10752, FinnCost.mvauHlsApIntMaxWidth(64, 21, 8, 8, 8, D));
    assertEquals(512, FinnCost.mvauHlsApIntMaxWidth(64, 21, 8, 8, 8, FinnCost.EMBEDDED));
    // one PE's word wins with a single PE: SIMD*W = 147*8 = 1176 > SIMD*A = 147*4, PE*O = 4
    assertEquals(1176, FinnCost.mvauHlsApIntMaxWidth(1, 147, 4, 4, 8, FinnCost.EMBEDDED));
  }

  /** The 224 px ResNet18 stem (7x7x3 -> 64, INT8 in, INT8 weights, UINT8 out) folded wide. */
  private static Mvau stem(int pe, int simd) {
    return Mvau.create(
            112,
            112,
            false,
            147,
            64,
            DataType.sint(8),
            DataType.sint(8),
            true,
            DataType.uint(8),
            DspType.DSP48E2)
        .withFold(pe, simd, false);
  }

  @Test
  void mvauWideFoldsAndTheirMemory() {
    // PE 64, SIMD 21: W*SIMD = 168 > mvau_wwidth_max 36; cycles (64/64)*(147/21)*112*112 = 87808
    Mvau decoupled = stem(64, 21).withMemory(D, "distributed");
    assertEquals(87808, decoupled.cycles());
    assertEquals(168, decoupled.weightWidthPerPe());
    // the decoupled weight stream is 10752 bits > 8191: FINN cannot build it
    assertEquals(10752, decoupled.apIntMaxWidth());
    assertEquals(false, decoupled.buildable());
    // embedded: widest ap_uint 512 (64 PE x 8 output bits), buildable; WMEM = 147*64/(64*21) = 7
    Mvau embedded = stem(64, 21).withMemory(FinnCost.EMBEDDED, "auto");
    assertEquals(true, embedded.buildable());
    assertEquals(7, embedded.wmem());
    // WMEM <= 128: no BRAM, no URAM; LUT = int(300 + 1.1*P*(mult + adder + acc) + c2) with
    // W+A = 16: mult = 21*(2*ceil(16/6)-1)*16 = 1680, adder = 16*(2*21-1) = 656,
    // alpha = log2(147) + 8 + 8 - 1 - 1 (signed input) = 21.1997, acc = min(23, ceil(22.1997)) = 23
    // (worst-case accumulator: 147*127*128 = 2,389,632 -> INT23), c2 = 10752*ceil(7/64) = 10752:
    // 300 + 1.1*64*2359 + 10752 = 177125.6 -> 177125
    Resources r = embedded.resources(DspType.DSP48E2);
    assertEquals(23, embedded.acc().bits());
    assertEquals(0, r.bram18());
    assertEquals(0, r.uram());
    assertEquals(177125, r.lut());
    assertEquals(0, r.dsp());
    // DSP multipliers: mult = 0 -> 300 + 1.1*64*679 + 10752 = 58853.6 -> 58853; DSP 64*21 = 1344
    Resources d = embedded.withResType("dsp").resources(DspType.DSP48E2);
    assertEquals(58853, d.lut());
    assertEquals(1344, d.dsp());
    // embedded with WMEM = 9408 > 128 (PE = SIMD = 1): FINN counts BRAM and URAM both:
    // BRAM width 8 <= 9 -> ceil(9408/2048)*ceil(8/9) = 5; URAM ceil(8/72)*ceil(9408/4096) = 3
    Resources big = stem(1, 1).withMemory(FinnCost.EMBEDDED, "auto").resources(DspType.DSP48E2);
    assertEquals(5, big.bram18());
    assertEquals(3, big.uram());
    // the decoupled LUTRAM memory costs the embedded one's c2: same LUT as embedded
    assertEquals(
        177125,
        stem(64, 3)
            .withMemory(D, "distributed")
            .withFold(64, 21, false)
            .resources(DspType.DSP48E2)
            .lut());
  }

  @Test
  void mvauCycles() {
    // (64/16) * (27/3) * 900 = 4*9*900 = 32400 (CNV conv0)
    assertEquals(32400, FinnCost.mvauCycles(27, 64, 16, 3, 900));
  }

  @Test
  void slidingWindowHls() {
    // k3 s1, 32->30, C=3, SIMD=3: write = 30*9*1 = 270, read = 32; 32*3*1 + 30*270 = 8196
    assertEquals(8196, FinnCost.swgHlsCycles(3, 1, 1, 32, 30, 30, 3, 3));
    // k3 s2, 9->4, C=8, SIMD=2 (cf 4): write 4*9*4 = 144, read 2*9*4 = 72; 9*3*4 + 4*144 = 684
    assertEquals(684, FinnCost.swgHlsCycles(3, 2, 1, 9, 4, 4, 8, 2));
    // BRAM: depth 32*64/8 = 256 -> width 36; ceil(8*4/36) = 1; (3+1)*1 = 4
    assertEquals(4, FinnCost.swgHlsBram("block", 3, 1, 32, 64, 8, 4));
    // depth 32*256/8 = 1024 -> width 18; ceil(32/18) = 2; 4*2 = 8
    assertEquals(8, FinnCost.swgHlsBram("auto", 3, 1, 32, 256, 8, 4));
    assertEquals(0, FinnCost.swgHlsBram("distributed", 3, 1, 32, 256, 8, 4));
    // LUT distributed: 300 + (3+1)*8*4*ceil(256/64) = 300 + 512 = 812; block -> 300
    assertEquals(812, FinnCost.swgHlsLut("distributed", 3, 1, 32, 64, 8, 4));
    assertEquals(300, FinnCost.swgHlsLut("block", 3, 1, 32, 64, 8, 4));
    // URAM ultra: 4*ceil(32/64)*ceil(256/4096) = 4
    assertEquals(4, FinnCost.swgHlsUram("ultra", 3, 1, 32, 64, 8, 4));
  }

  @Test
  void slidingWindowRtl() {
    // default depth, k3 s1 W=32 C=64 SIMD=8 (cf 8): (2*32 + 2 + 1)*8 = 536 (+0 +0)
    assertEquals(536, FinnCost.swgRtlBufferDepthDefault(3, 1, 1, 32, 64, 8));
    // k2 s4 W=16 C=4 SIMD=4 (cf 1): (16+1+1) + max(0,(3-4)) + max(0, 3*16-4) = 18 + 0 + 44 = 62
    assertEquals(62, FinnCost.swgRtlBufferDepthDefault(2, 4, 1, 16, 4, 4));
    // parallel depth: (2*32 + 2)*8 + 2 = 530
    assertEquals(530, FinnCost.swgRtlBufferDepthParallel(3, 1, 32, 64, 8));
    // cycles default: 536 + 30*max(30*9*8 = 2160, 32*8 = 256) = 65336
    assertEquals(65336, FinnCost.swgRtlCycles(false, false, 3, 1, 1, 32, 32, 30, 30, 64, 8));
    // parallel: 32*32*8 + 2 = 8194
    assertEquals(8194, FinnCost.swgRtlCycles(true, false, 3, 1, 1, 32, 32, 30, 30, 64, 8));
    // depthwise k3 s2 9->4 C=8 SIMD=2 (cf 4): min buffer (18+2+1)*4 = 84;
    // write 4*9*4 + 4*1*3 = 156, read 2*9*4 = 72 -> 84 + 4*156 = 708; + 1*9*4 = 744
    assertEquals(744, FinnCost.swgRtlCycles(false, true, 3, 2, 1, 9, 9, 4, 4, 8, 2));
    // BRAM: depth 536 -> ram width 18; width 8*4 = 32 -> 1 * ceil(32/18) = 2
    assertEquals(2, FinnCost.swgRtlBram("block", 536, 32, 1));
    // parallel 2D: depth 32 - 3 = 29 -> width 36, count k-1 = 2 -> 2
    assertEquals(2, FinnCost.swgRtlBram("auto", 29, 32, 2));
    assertEquals(0, FinnCost.swgRtlBram("distributed", 536, 32, 1));
    // cascade: depth 20000, width 4: ram width 1 -> 2*4 = 8; remainder 3616 -> width 4,
    // savings = ceil(4/1) - ceil(4/4) = 3 -> 5
    assertEquals(5, FinnCost.swgRtlBram("block", 20000, 4, 1));
    // LUT distributed: 300 + 32*ceil(536/38) = 300 + 32*15 = 780
    assertEquals(780, FinnCost.swgRtlLut("distributed", 536, 32));
    assertEquals(300, FinnCost.swgRtlLut("block", 536, 32));
    // URAM: ceil(536/4096)*ceil(32/72)*1 = 1
    assertEquals(1, FinnCost.swgRtlUram("ultra", 536, 32, 1));
  }

  @Test
  void thresholding() {
    // hls block: A=8 P=4 C=256 -> TMEM 64: ceil(32/16)*ceil(64/1024) = 2
    assertEquals(2, FinnCost.thresholdHlsBram("block", 8, 4, 256));
    assertEquals(0, FinnCost.thresholdHlsBram("distributed", 8, 4, 256));
    // hls LUT distributed: 8*4 + 4*8*ceil(64/64) = 64; TMEM = 1 -> only A*P = 32
    assertEquals(64, FinnCost.thresholdHlsLut("distributed", 8, 4, 256));
    assertEquals(32, FinnCost.thresholdHlsLut("distributed", 8, 4, 4));
    // rtl C=64 P=1 Tw=8 O=2: geometries (8,64) and (8,128); LUTRAM has zero waste:
    // 8*1 + 8*2 = 24 LUTRAMs
    assertArrayEquals(new int[] {0, 0, 24}, FinnCost.thresholdRtlMemory(64, 1, 8, 2));
    // (18, 1024): BRAM18_18x1024 and LUTRAM both waste 0; the tie goes to the earlier BRAM18
    assertArrayEquals(new int[] {0, 1, 0}, FinnCost.thresholdRtlMemory(1024, 1, 18, 1));
    // (72, 4096): URAM_72x4096 waste 0 comes first
    assertArrayEquals(new int[] {1, 0, 0}, FinnCost.thresholdRtlMemory(4096, 1, 72, 1));
    // PE multiplies the count: C=1024 P=2 -> (18, 512): BRAM18_36x512 waste 9216, 18x1024
    // 9216, LUTRAM 18*8 = 144 with waste 0 -> 2*144 = 288
    assertArrayEquals(new int[] {0, 0, 288}, FinnCost.thresholdRtlMemory(1024, 2, 18, 1));
    // cycles: prod(numInputVectors) * C/PE = 3136 * 64/4 = 50176
    assertEquals(50176, FinnCost.streamCycles(3136, 64, 4));
  }

  @Test
  void thresholdingRtlReportsBram18() {
    // FINN would report 0 here (it reads the "BRAM" key); we report the BRAM18 count, 1.
    // Thresholds span [in.min, in.max + 1]: INT17 input -> INT18 thresholds, (18, 1024) -> 1 BRAM18
    Thresholding t = Thresholding.create(1, 1, true, 1024, DataType.sint(17), DataType.BIPOLAR);
    assertEquals(DataType.sint(18), t.thresholdType());
    assertEquals(1.0, t.resources(DspType.DSP48E2).bram18());
    assertEquals(0.0, t.resources(DspType.DSP48E2).lut());
  }

  @Test
  void poolsAddsAndOthers() {
    // StreamingMaxPool 2D: int(28*28*(1 + 1/4)) = 980; 10 -> int(100*1.25) = 125
    assertEquals(980, FinnCost.maxPoolCycles2d(28, 2));
    assertEquals(125, FinnCost.maxPoolCycles2d(10, 2));
    // 1D: OFM * C/PE * (k+1) = 8 * 16/4 * 3 = 96
    assertEquals(96, FinnCost.maxPoolCycles1d(8, 16, 4, 2));
    // Pool: (64*9/8) * 56*56 = 72*3136 = 225792
    assertEquals(225792, FinnCost.poolCycles(64, 3, 3, 8, 56, 56));
    // AddStreams/DuplicateStreams: 3136 * 64/64 = 3136
    assertEquals(3136, FinnCost.streamCycles(3136, 64, 64));
    // LabelSelect: 1000/1 = 1000, 10/5 = 2
    assertEquals(1000, FinnCost.labelSelectCycles(1000, 1));
    assertEquals(2, FinnCost.labelSelectCycles(10, 5));
    // FMPadding: (64/64)*58*58 = 3364; SIMD 16 -> 4*3364 = 13456
    assertEquals(3364, FinnCost.fmPaddingCycles(64, 64, 56, 56, new int[] {1, 1, 1, 1}));
    assertEquals(13456, FinnCost.fmPaddingCycles(64, 16, 56, 56, new int[] {1, 1, 1, 1}));
  }

  @Test
  void networkFpsAndLatency() {
    // 200 MHz: 2e8 / 32768 = 6103.515625 fps; latency 1000 cycles * 5 ns = 5000 ns
    assertEquals(6103.515625, FinnCost.fps(5.0, 32768), 1e-9);
    assertEquals(5000.0, FinnCost.latencyNs(5.0, 1000));
  }
}
