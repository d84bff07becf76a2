package io.nash.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.File;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Process-wide libtorch settings the networks rely on, applied when a network is built.
 *
 * <p><b>oneDNN and narrow convolutions.</b> libtorch 2.7.1 (as shipped by DJL 0.36, oneDNN 3.7.1)
 * runs CPU convolutions through oneDNN in blocked layouts of 16 channels ({@code aBcd16b}). When a
 * convolution's channel count is not a multiple of 16 the blocks are padded, and its backward pass
 * intermittently returns NaN or garbage gradients (measured: about 1.5 % of supernet gradient
 * computations at width 4, 1 % at width 8, none at width 16; none at any width with oneDNN off).
 * The garbage then spreads to every earlier layer. So when a network with such a width is built,
 * oneDNN is switched off for the process and libtorch uses its own convolution kernels (exact and
 * reproducible; slower, see the README's search-step figures).
 *
 * <p>The policy is {@code -Dnash.torch.onednn=auto|on|off} (or the environment variable {@code
 * NASH_TORCH_ONEDNN}); {@code auto}, the default, switches oneDNN off as described and never back
 * on, so one JVM that builds networks of several widths stays on the safe side. libtorch has no
 * public C API for the switch and DJL does not expose it, so it is made through JNA on {@code
 * at::globalContext().setUserEnabledMkldnn(bool)} of the loaded {@code libtorch_cpu}; if that
 * symbol is not found (another platform or libtorch build) a warning says so and nothing changes.
 *
 * <p><b>NNPACK.</b> libtorch asks whether NNPACK is available before CPU convolutions (with oneDNN
 * off: every forward and backward one), and where it is not (this machine: "Unsupported hardware")
 * it logs a warning line to stderr on every ask: about 250 lines per search round at width 8, each
 * a write the step waits for. So the first network built switches NNPACK off through {@code
 * at::globalContext().setUserEnabledNNPACK(false)} when {@code at::_nnpack_available()} is false.
 * No result changes: an unavailable NNPACK never runs, and libtorch checks the switch first.
 */
public final class TorchRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(TorchRuntime.class);

  /** Channel block of oneDNN's AVX-512 convolution layouts. */
  static final int ONEDNN_BLOCK = 16;

  /** What to do with libtorch's oneDNN backend. */
  public enum OneDnnPolicy {
    /** Off as soon as a network whose channel counts are not multiples of 16 is built. */
    AUTO,
    /** Leave libtorch's default (on where available). */
    ON,
    /** Always off. */
    OFF;

    static OneDnnPolicy parse(String value, String source) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            source + " = " + value + ": must be one of auto, on, off", e);
      }
    }
  }

  private static Boolean oneDnnEnabled;

  private TorchRuntime() {}

  /** The policy from {@code -Dnash.torch.onednn} or {@code NASH_TORCH_ONEDNN}; auto if unset. */
  public static OneDnnPolicy policy() {
    String prop = System.getProperty("nash.torch.onednn");
    if (prop != null && !prop.isBlank()) {
      return OneDnnPolicy.parse(prop, "nash.torch.onednn");
    }
    String env = System.getenv("NASH_TORCH_ONEDNN");
    if (env != null && !env.isBlank()) {
      return OneDnnPolicy.parse(env, "NASH_TORCH_ONEDNN");
    }
    return OneDnnPolicy.AUTO;
  }

  /**
   * Whether the auto policy keeps oneDNN for networks of base width {@code width} (stages of w, 2w,
   * 4w, 8w channels; input convolutions of 1 or 3 channels use oneDNN's plain layout).
   */
  public static boolean oneDnnSafe(int width) {
    return width % ONEDNN_BLOCK == 0;
  }

  /** Applies the policy before a network of base width {@code width} is built on {@code cpu}. */
  public static synchronized void prepare(int width, boolean cpu) {
    quietNnpack();
    OneDnnPolicy p = policy();
    if (!cpu || p == OneDnnPolicy.ON) {
      return;
    }
    if (p == OneDnnPolicy.OFF || !oneDnnSafe(width)) {
      if (oneDnnEnabled == null || oneDnnEnabled) {
        if (setOneDnn(false)) {
          LOG.info(
              "libtorch oneDNN off for this JVM (policy {}, width {}): its padded-channel"
                  + " convolution gradients are unreliable",
              p.name().toLowerCase(Locale.ROOT),
              width);
        }
      }
    }
  }

  /** Whether libtorch's oneDNN backend is currently on ({@code null} if it cannot be read). */
  public static synchronized Boolean oneDnnEnabled() {
    return readSwitch("_ZNK2at7Context17userEnabledMkldnnEv");
  }

  /** Switches oneDNN on or off for the process; false if the switch is not available. */
  static synchronized boolean setOneDnn(boolean on) {
    if (!writeSwitch("_ZN2at7Context20setUserEnabledMkldnnEb", on)) {
      return false;
    }
    oneDnnEnabled = on;
    return true;
  }

  private static boolean nnpackChecked;

  /** Switches NNPACK off, once per JVM, if libtorch reports it unavailable (class doc). */
  private static void quietNnpack() {
    if (nnpackChecked) {
      return;
    }
    nnpackChecked = true;
    if (Boolean.FALSE.equals(nnpackAvailable())
        && writeSwitch("_ZN2at7Context20setUserEnabledNNPACKEb", false)) {
      LOG.info("libtorch NNPACK off for this JVM: it cannot run on this CPU");
    }
  }

  /** Whether libtorch's NNPACK can run here ({@code null} if libtorch cannot be asked). */
  static synchronized Boolean nnpackAvailable() {
    Context c = context();
    if (c == null) {
      return null;
    }
    try {
      // logs libtorch's "Could not initialize NNPACK" warning once when it cannot
      int v = c.lib.getFunction("_ZN2at6native17_nnpack_availableEv").invokeInt(new Object[0]);
      return (v & 0xff) != 0;
    } catch (UnsatisfiedLinkError e) {
      LOG.warn("cannot ask libtorch whether NNPACK is available ({}): left as it is", e.toString());
      return null;
    }
  }

  /** Whether libtorch may use NNPACK ({@code null} if it cannot be read). */
  public static synchronized Boolean nnpackEnabled() {
    return readSwitch("_ZNK2at7Context17userEnabledNNPACKEv");
  }

  /** A boolean getter of {@code at::globalContext()}, or null if libtorch cannot be reached. */
  private static Boolean readSwitch(String getter) {
    Context c = context();
    if (c == null) {
      return null;
    }
    int v = c.lib.getFunction(getter).invokeInt(new Object[] {c.ptr});
    return (v & 0xff) != 0;
  }

  /** Calls a boolean setter of {@code at::globalContext()}; false if libtorch cannot be reached. */
  private static boolean writeSwitch(String setter, boolean on) {
    Context c = context();
    if (c == null) {
      return false;
    }
    c.lib.getFunction(setter).invoke(Void.class, new Object[] {c.ptr, on});
    return true;
  }

  private record Context(NativeLibrary lib, Pointer ptr) {}

  private static Context cached;
  private static boolean unavailable;

  private static Context context() {
    if (cached != null || unavailable) {
      return cached;
    }
    Engine.getEngine("PyTorch");
    try {
      File lib = new File(LibUtils.getLibtorchPath(), System.mapLibraryName("torch_cpu"));
      NativeLibrary nl = NativeLibrary.getInstance(lib.getAbsolutePath());
      Pointer p =
          (Pointer) nl.getFunction("_ZN2at13globalContextEv").invoke(Pointer.class, new Object[0]);
      cached = new Context(nl, p);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      unavailable = true;
      LOG.warn(
          "cannot reach libtorch's oneDNN switch on {} ({}): convolutions with channel counts"
              + " not a multiple of 16 may return NaN gradients now and then",
          Platform.RESOURCE_PREFIX,
          e.toString());
    }
    return cached;
  }
}
