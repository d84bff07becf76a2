package io.nash.hw;

import java.util.List;
import java.util.Map;

/**
 * One FINN hardware layer after SpecializeLayers, with its folding (PE/SIMD/...) and the attributes
 * FINN stores on the node. Implementations are immutable records; folding changes return a new
 * record ({@link #withFold}). Cost methods implement finn-reference.md section 3.
 */
public sealed interface HwOp
    permits Mvau,
        Swg,
        FmPadding,
        DownSampler,
        Thresholding,
        StreamingMaxPool,
        Pool,
        AddStreams,
        DuplicateStreams,
        StreamingConcat,
        LabelSelect {

  /** FINN's op type before specialization, e.g. {@code MVAU}. */
  String opType();

  /**
   * The hls or rtl variant SpecializeLayers chose; ops that only exist as HLS keep this default.
   */
  default Impl impl() {
    return Impl.HLS;
  }

  /** The op type after specialization, e.g. {@code MVAU_hls}. */
  default String specializedType() {
    return opType() + "_" + impl().suffix();
  }

  /** Shapes of the input streams, in input order. */
  List<StreamShape> inputs();

  /** Shapes of the output streams, in output order. */
  List<StreamShape> outputs();

  /** {@code get_exp_cycles()}. */
  long cycles();

  /** {@code node_res_estimation(fpgapart)}; zero for ops FINN gives no resource model. */
  default Resources resources(DspType dsp) {
    return Resources.ZERO;
  }

  /** The node's FINN attributes (name to Integer, String or List), in a stable order. */
  Map<String, Object> attributes();

  /** {@code get_op_and_param_counts()}; empty for ops that do not define it. */
  default Map<String, Long> opAndParamCounts() {
    return Map.of();
  }

  /** The attributes a folding config sets on this node (PE, SIMD, ram_style, ...). */
  Map<String, Object> foldingEntry();

  /** PE where the op has one, else 1. */
  default int pe() {
    return 1;
  }

  /** SIMD where the op has one, else 1. */
  default int simd() {
    return 1;
  }

  /**
   * A copy with new folding. Ops without SIMD ignore {@code simd}; ops with only SIMD (sliding
   * window, padding, concat) take it from {@code simd}. {@code parallelWindow} only affects RTL
   * sliding windows.
   */
  HwOp withFold(int pe, int simd, boolean parallelWindow);

  /** A copy with another RAM style where the op has one (MVAU weights, sliding-window buffer). */
  default HwOp withRamStyle(String ramStyle) {
    return this;
  }

  /** Checks a folding divides the folded dimension; the message names the value and the rule. */
  static void requireDivides(String what, int value, int dim, String dimName) {
    if (value < 1 || dim % value != 0) {
      throw new IllegalArgumentException(
          what + " = " + value + ": must be >= 1 and divide " + dimName + " = " + dim);
    }
  }
}
