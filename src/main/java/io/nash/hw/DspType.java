package io.nash.hw;

import java.util.Locale;

/**
 * The DSP block of an FPGA part, as FINN's {@code get_dsp_block} derives it from the part name
 * (finn-reference.md section 1.2). It changes MVAU specialization and the MVAU_rtl DSP model.
 */
public enum DspType {
  DSP48E1,
  DSP48E2,
  DSP58;

  /**
   * Versal prefixes (xcvc, xcve, xcvp, xcvm, xqvc, xqvm, xqrvc) give DSP58; a part whose third
   * character is '7' (7-series) gives DSP48E1; everything else DSP48E2.
   */
  public static DspType ofPart(String part) {
    String p = part.toLowerCase(Locale.ROOT);
    for (String v : new String[] {"xcvc", "xcve", "xcvp", "xcvm", "xqvc", "xqvm", "xqrvc"}) {
      if (p.startsWith(v)) {
        return DSP58;
      }
    }
    if (p.length() > 2 && p.charAt(2) == '7') {
      return DSP48E1;
    }
    return DSP48E2;
  }
}
