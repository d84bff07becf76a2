package io.nash.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * bf16 compute for the convolutions of the search steps (an option not yet wired to a setting):
 * inside {@link #scope}, {@link Binarize#conv2d} casts its input and weight to bfloat16, convolves
 * in bf16 and casts the output back to float32, so BatchNorm, the activations, the loss, the gate
 * gradients and every gradient that reaches a parameter stay float32 (the casts are on the autograd
 * graph: the gradient of a bf16 conv's operand is cast back to float32 before it accumulates into
 * the float32 weight).
 *
 * <p><b>Why JNA.</b> DJL 0.36's PyTorch JNI cannot make a bfloat16 tensor: {@code toType(BFLOAT16)}
 * aborts the JVM (its data-type table stops at complex64 and throws from native code, "terminate
 * called without an active exception"), and its {@code toType} is not differentiable (the result
 * has no gradient function, measured). So the casts call libtorch's {@code
 * at::_ops::to_dtype::call} directly, as {@link TorchRuntime} calls its global switches: the {@code
 * at::Tensor} result (one pointer) is returned into an 8-byte block from the C++ {@code operator
 * new}, which is what a DJL handle is, and DJL's {@code PtNDArray} then owns and deletes it.
 * Through the dispatcher the cast records its autograd node like any libtorch op. DJL reports the
 * dtype of such a tensor as {@code UNKNOWN}; it never leaves this class.
 *
 * <p><b>Where it runs.</b> On a CPU whose {@code /proc/cpuinfo} flags include {@code avx512_bf16}
 * or {@code amx_bf16} (oneDNN's bf16 convolutions), and on a GPU (left to libtorch). Elsewhere
 * (other flags, other operating systems, a libtorch without the symbol) {@link #unavailable} says
 * why and the network computes in float32.
 *
 * <p>Thread-confined: the scope is per thread, so networks of different threads do not mix.
 */
public final class Bf16 {
  /** libtorch's {@code c10::ScalarType} codes. */
  private static final byte FLOAT = 6;

  private static final byte BFLOAT16 = 15;

  private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

  private static Function toDtype;
  private static Function operatorNew;
  private static String linkError;

  private Bf16() {}

  /**
   * Why bf16 compute cannot run on {@code device}, or {@code null} if it can. On the CPU this reads
   * {@code /proc/cpuinfo}.
   */
  public static String unavailable(Device device) {
    if (!device.isGpu()) {
      String cpu = cpuUnavailable(Path.of("/proc/cpuinfo"));
      if (cpu != null) {
        return cpu;
      }
    }
    return link();
  }

  /**
   * Why the CPU described by {@code cpuinfo} (Linux's {@code /proc/cpuinfo}) has no bf16
   * instructions, or {@code null} if its flags include {@code avx512_bf16} or {@code amx_bf16}.
   */
  static String cpuUnavailable(Path cpuinfo) {
    String text;
    try {
      text = Files.readString(cpuinfo);
    } catch (IOException | RuntimeException e) {
      return "cannot read "
          + cpuinfo
          + " ("
          + System.getProperty("os.name")
          + "): bf16 support of this CPU unknown";
    }
    for (String line : text.split("\n")) {
      if (line.startsWith("flags")) {
        for (String flag : line.substring(line.indexOf(':') + 1).trim().split("\\s+")) {
          if (flag.equals("avx512_bf16") || flag.equals("amx_bf16")) {
            return null;
          }
        }
        return "this CPU has neither avx512_bf16 nor amx_bf16 (" + cpuinfo + ")";
      }
    }
    return "no flags line in " + cpuinfo + ": bf16 support of this CPU unknown";
  }

  /** Whether convolutions of the current thread compute in bf16. */
  static boolean active() {
    return ACTIVE.get();
  }

  /** Opens a scope in which this thread's convolutions compute in bf16 iff {@code on}. */
  static Scope scope(boolean on) {
    boolean before = ACTIVE.get();
    ACTIVE.set(on);
    return () -> ACTIVE.set(before);
  }

  /** A per-thread bf16 scope; closing it restores the previous state. */
  interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /** {@code x} as bfloat16, on the autograd graph. */
  static NDArray toBf16(NDArray x) {
    return cast(x, BFLOAT16);
  }

  /** A bfloat16 {@code x} as float32 (exact), on the autograd graph. */
  static NDArray toFloat32(NDArray x) {
    return cast(x, FLOAT);
  }

  private static NDArray cast(NDArray x, byte scalarType) {
    if (link() != null) {
      throw new IllegalStateException("bf16 compute unavailable: " + linkError);
    }
    PtNDArray pt = (PtNDArray) x;
    Pointer out = (Pointer) operatorNew.invoke(Pointer.class, new Object[] {8L});
    // Tensor to_dtype(const Tensor& self, ScalarType, bool non_blocking, bool copy,
    // optional<MemoryFormat> = nullopt (two zero bytes)); the Tensor is returned into *out
    toDtype.invoke(
        Void.class,
        new Object[] {out, new Pointer(pt.getHandle()), scalarType, (byte) 0, (byte) 0, (short) 0});
    return new PtNDArray((PtNDManager) pt.getManager(), Pointer.nativeValue(out));
  }

  /** Resolves the two native functions once; the reason they cannot be, or {@code null}. */
  private static synchronized String link() {
    if (toDtype != null || linkError != null) {
      return linkError;
    }
    Engine.getEngine("PyTorch");
    try {
      File lib = new File(LibUtils.getLibtorchPath(), System.mapLibraryName("torch_cpu"));
      toDtype =
          NativeLibrary.getInstance(lib.getAbsolutePath())
              .getFunction(
                  "_ZN2at4_ops8to_dtype4callERKNS_6TensorEN3c1010ScalarTypeEbbSt8optionalINS5_12MemoryFormatEE");
      operatorNew = NativeLibrary.getInstance("libstdc++.so.6").getFunction("_Znwm");
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      toDtype = null;
      linkError =
          "libtorch's to_dtype is not reachable on "
              + System.getProperty("os.name").toLowerCase(Locale.ROOT)
              + " ("
              + e.getMessage()
              + ")";
    }
    return linkError;
  }
}
