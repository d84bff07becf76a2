package io.nash.nn.child;

import ai.djl.ndarray.NDArray;
import io.nash.nn.quant.BatchNorm2d;
import io.nash.nn.quant.QuantConv2d;
import io.nash.nn.quant.QuantHardTanh;
import io.nash.nn.quant.QuantReLU;
import io.nash.space.Node;
import io.nash.space.Op;

/**
 * Node {@code i} of a group in a derived network: the backbone's i-th 3x3 conv + BN (reading the
 * latest state), the BasicBlock's shortcut after the block's second conv, the node's NAS op on its
 * chosen state, and the QuantReLU that makes the node's value the next state.
 *
 * <pre>
 *   y = BN(conv(s_i))
 *   odd i (second conv of a block):  y = HT(y) + HT(shortcut(s_{i-1}))
 *   op present:                      y = HT(y) + HT(op(s_input))
 *   s_{i+1} = QuantReLU(y)
 * </pre>
 *
 * Every addition sees two QuantHardTanh operands (residual bits), so adds in hardware are integer
 * adds; a node whose op is {@code none} has no NAS addition. In the search (section 1) V1/V3/V4 put
 * tanh after each node and V2 nothing; the final network uses QuantReLU for every version, as
 * section 4 prescribes activations between layers. Not thread-safe.
 */
public final class ChildNode {
  private final int index;
  private final Node node;
  private final QuantConv2d conv;
  private final BatchNorm2d bn;
  private final boolean residual;
  private final QuantConv2d shortcutConv;
  private final BatchNorm2d shortcutBn;
  private final QuantHardTanh residualMain;
  private final QuantHardTanh residualShortcut;
  private final NasOp op;
  private final QuantHardTanh opMain;
  private final QuantHardTanh opOperand;
  private final QuantReLU relu;

  ChildNode(Builder b, String name, GroupLayout g, int i, Node node) {
    this.index = i;
    this.node = node;
    int stride = i == 0 ? g.stride() : 1;
    int in = i == 0 ? g.in() : g.out();
    conv =
        b.conv(
            name + ".conv",
            QuantConv2d.Role.BACKBONE,
            in,
            g.out(),
            3,
            stride,
            i == 0 ? g.inH() : g.outH(),
            i == 0 ? g.inW() : g.outW());
    bn = b.bn(name + ".bn", g.out());
    residual = i % 2 == 1;
    if (residual && i == 1 && g.projection()) {
      shortcutConv =
          b.conv(
              name + ".shortcut.conv",
              QuantConv2d.Role.SHORTCUT,
              g.in(),
              g.out(),
              1,
              g.stride(),
              g.inH(),
              g.inW());
      shortcutBn = b.bn(name + ".shortcut.bn", g.out());
    } else {
      shortcutConv = null;
      shortcutBn = null;
    }
    residualMain = residual ? b.hardTanh(name + ".res.main") : null;
    residualShortcut = residual ? b.hardTanh(name + ".res.shortcut") : null;
    if (node != null && node.op() != Op.NONE) {
      int j = node.input();
      boolean fromInput = j == 0;
      op =
          new NasOp(
              b,
              name + ".op",
              node.op(),
              fromInput ? g.stride() : 1,
              fromInput ? g.in() : g.out(),
              g.out(),
              fromInput ? g.inH() : g.outH(),
              fromInput ? g.inW() : g.outW());
      opMain = b.hardTanh(name + ".op.main");
      opOperand = b.hardTanh(name + ".op.operand");
    } else {
      op = null;
      opMain = null;
      opOperand = null;
    }
    relu = b.relu(name + ".relu");
  }

  /** Computes state {@code i+1} from {@code states[0..i]}. */
  NDArray forward(NDArray[] states, boolean training) {
    NDArray y = bn.forward(conv.forward(states[index]), training);
    if (residual) {
      NDArray blockIn = states[index - 1];
      NDArray sc =
          shortcutConv == null
              ? blockIn
              : shortcutBn.forward(shortcutConv.forward(blockIn), training);
      y = residualMain.forward(y).add(residualShortcut.forward(sc));
    }
    if (op != null) {
      y = opMain.forward(y).add(opOperand.forward(op.forward(states[node.input()], training)));
    }
    return relu.forward(y);
  }

  public int index() {
    return index;
  }

  /** The genotype's node, or null in the baseline. */
  public Node node() {
    return node;
  }

  public QuantConv2d conv() {
    return conv;
  }

  public BatchNorm2d bn() {
    return bn;
  }

  /** True after a block's second conv, where the shortcut is added. */
  public boolean hasResidual() {
    return residual;
  }

  /** The 1x1 projection shortcut, or null for an identity shortcut (or no residual). */
  public QuantConv2d shortcutConv() {
    return shortcutConv;
  }

  public BatchNorm2d shortcutBn() {
    return shortcutBn;
  }

  public QuantHardTanh residualMain() {
    return residualMain;
  }

  public QuantHardTanh residualShortcut() {
    return residualShortcut;
  }

  /** The NAS op, or null when the node has none (baseline or {@code none}). */
  public NasOp op() {
    return op;
  }

  public QuantHardTanh opMain() {
    return opMain;
  }

  public QuantHardTanh opOperand() {
    return opOperand;
  }

  public QuantReLU relu() {
    return relu;
  }
}
