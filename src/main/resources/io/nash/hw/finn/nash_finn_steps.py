"""NASH build steps for FINN v0.10.1 (written into every build folder by NASH on Spark).

FINN's default steps do not streamline residual networks. These steps take a NASH QONNX export
(model.onnx) through qonnx-to-FINN, tidy-up, a streamlining for NASH networks, conversion to HW
layers, the dataflow partition, our specialize-layers and folding configs (applied by layer
identity, see step_nash_apply_folding) and bit-width minimisation to FINN's estimate reports.
"""
import json
import os
import warnings

import numpy as np
from onnx import helper
from qonnx.core.datatype import DataType
from qonnx.custom_op.registry import getCustomOp
from qonnx.transformation.base import Transformation
from qonnx.transformation.general import (
    ApplyConfig,
    GiveReadableTensorNames,
    GiveUniqueNodeNames,
    RemoveUnusedTensors,
    SortGraph,
)
from qonnx.transformation.infer_data_layouts import InferDataLayouts
from qonnx.transformation.infer_datatypes import InferDataTypes
from qonnx.transformation.infer_shapes import InferShapes
from qonnx.transformation.lower_convs_to_matmul import LowerConvsToMatMul
from qonnx.transformation.remove import RemoveIdentityOps
from qonnx.transformation.bipolar_to_xnor import ConvertBipolarMatMulToXnorPopcount

import finn.transformation.fpgadataflow.convert_to_hw_layers as to_hw
import finn.transformation.streamline.absorb as absorb
import finn.transformation.streamline.reorder as reorder
from finn.transformation.streamline import Streamline
from finn.transformation.streamline.round_thresholds import RoundAndClipThresholds
from finn.transformation.move_reshape import RemoveCNVtoFCFlatten
from finn.transformation.fpgadataflow.convert_to_hw_layers import InferPool

from finn.builder.build_dataflow_steps import (
    step_qonnx_to_finn,
    step_tidy_up,
    step_create_dataflow_partition,
    step_specialize_layers,
    step_minimize_bit_width,
    step_generate_estimate_reports,
)


def _signature(model):
    return [(n.op_type, tuple(n.input), tuple(n.output)) for n in model.graph.node]


class StripInputQuantizer(Transformation):
    """The host quantizes the image: drop the graph input's MultiThreshold (and the Add that
    makes it signed) and declare the input with the quantizer's integer type."""

    def apply(self, model):
        inp = model.graph.input[0].name
        consumers = model.find_consumers(inp)
        if len(consumers) != 1 or consumers[0].op_type != "MultiThreshold":
            return model, False
        mt = consumers[0]
        inst = getCustomOp(mt)
        scale = inst.get_nodeattr("out_scale")
        bias = inst.get_nodeattr("out_bias")
        steps = model.get_initializer(mt.input[1]).shape[-1]
        last = mt
        nxt = model.find_direct_successors(mt)
        if nxt is not None and len(nxt) == 1 and nxt[0].op_type == "Add":
            c = model.get_initializer(nxt[0].input[1])
            if c is not None and np.all(c == c.flatten()[0]):
                bias += float(c.flatten()[0])
                last = nxt[0]
        lo = bias
        hi = steps * scale + bias
        dt = None
        for cand in ["UINT8", "INT8", "UINT16", "INT16"]:
            d = DataType[cand]
            if d.min() <= lo and hi <= d.max():
                dt = d
                break
        if dt is None or scale != 1:
            raise ValueError(
                "input quantizer of %s: range [%s, %s], scale %s: not an 8/16-bit integer input"
                % (inp, lo, hi, scale)
            )
        out = last.output[0]
        for c in model.find_consumers(out):
            for i, t in enumerate(c.input):
                if t == out:
                    c.input[i] = inp
        model.graph.node.remove(mt)
        if last is not mt:
            model.graph.node.remove(last)
        model.set_tensor_datatype(inp, dt)
        return model, False


class FoldZeroPadIntoMaxPool(Transformation):
    """Pad(constant 0) -> MaxPool(no pads), the network's zero-padded pool, becomes
    Im2Col(pad_value 0) + Pool(MaxPool) as FINN's InferPool builds them, but with zero padding
    (InferPool pads a MaxPool with the input type's minimum, which FMPadding cannot)."""

    def apply(self, model):
        changed = False
        for pad in list(model.graph.node):
            if pad.op_type != "Pad":
                continue
            pool = model.find_consumer(pad.output[0])
            if pool is None or pool.op_type != "MaxPool":
                continue
            pads = model.get_initializer(pad.input[1])
            if pads is None or not _zero_constant_pad(model, pad):
                continue
            pads = [int(p) for p in pads]
            # ONNX Pad order: [x1_begin, x2_begin, ..., x1_end, x2_end, ...] over N, C, H, W
            if pads[0] or pads[1] or pads[4] or pads[5]:
                continue
            idt = model.get_tensor_datatype(pad.input[0])
            if not idt.is_integer():
                continue
            new_pads = [pads[2], pads[3], pads[6], pads[7]]
            for a in pool.attribute:
                if a.name == "pads":
                    pool.attribute.remove(a)
                    break
            pool.attribute.append(helper.make_attribute("pads", new_pads))
            pool.input[0] = pad.input[0]
            pool.doc_string = "nash:zero-pad"
            model.graph.node.remove(pad)
            changed = True
        return model, changed


class MoveMulPastZeroPad(Transformation):
    """Mul(x, c) -> Pad(constant 0 on H, W) becomes Pad -> Mul, for a scalar or per-channel c:
    c * 0 = 0, so a scale commutes with zero padding. A residual state's scale then moves on past
    the max pool (MoveMulPastMaxPool) and the pool reads the integer stream."""

    def apply(self, model):
        graph = model.graph
        changed = False
        for mul in list(graph.node):
            if mul.op_type != "Mul" or model.is_fork_node(mul) or model.is_join_node(mul):
                continue
            c = model.get_initializer(mul.input[1])
            pad = model.find_consumer(mul.output[0])
            if c is None or pad is None or pad.op_type != "Pad":
                continue
            pads = model.get_initializer(pad.input[1])
            if pads is None or not _zero_constant_pad(model, pad):
                continue
            pads = [int(p) for p in pads]
            shape = model.get_tensor_shape(mul.input[0])
            if len(pads) != 8 or pads[0] or pads[1] or pads[4] or pads[5] or len(shape) != 4:
                continue
            if not (c.size == 1 or tuple(c.shape) == (1, shape[1], 1, 1)):
                continue
            mid, out = mul.output[0], pad.output[0]
            pad.input[0] = mul.input[0]
            pad.output[0] = mid
            mul.input[0] = mid
            mul.output[0] = out
            model.set_tensor_shape(mid, model.get_tensor_shape(out))
            model.set_tensor_datatype(mid, DataType["FLOAT32"])
            graph.node.remove(pad)
            graph.node.insert(list(graph.node).index(mul), pad)
            changed = True
        return model, changed


class MoveScalarMulPastConcat(Transformation):
    """Concat(Mul(x, c), Mul(y, c), ...) becomes Mul(Concat(x, y, ...), c) when every input is a
    Mul by the same scalar c read by the Concat alone. The halves of a factorized reduce and the
    two pools of a strided max pool then carry one scale to the next thresholds."""

    def apply(self, model):
        graph = model.graph
        for cat in list(graph.node):
            if cat.op_type != "Concat":
                continue
            muls = [model.find_producer(x) for x in cat.input]
            if any(m is None or m.op_type != "Mul" for m in muls):
                continue
            consts = [model.get_initializer(m.input[1]) for m in muls]
            if any(c is None or c.size != 1 for c in consts):
                continue
            if any(float(c.flatten()[0]) != float(consts[0].flatten()[0]) for c in consts):
                continue
            if any(not _read_only_by(model, m, cat) for m in muls):
                continue
            out = cat.output[0]
            mid = model.make_new_valueinfo_name()
            model.set_tensor_shape(mid, model.get_tensor_shape(out))
            model.set_tensor_datatype(mid, DataType["FLOAT32"])
            for i, m in enumerate(muls):
                cat.input[i] = m.input[0]
            cat.output[0] = mid
            scale = muls[0].input[1]
            _remove_nodes(graph, muls)
            mul = helper.make_node("Mul", [mid, scale], [out], name=cat.name + "_scale")
            graph.node.insert(list(graph.node).index(cat) + 1, mul)
            # one move per pass: the graph changed under the loop; transform() runs us again
            return model, True
        return model, False


class MoveTransposePastJoinConcat(Transformation):
    """Concat(axis 1) of NHWC-to-NCHW transposes, each read by the Concat alone, becomes the
    transpose of a channel-last Concat (axis 3), which FINN turns into a StreamingConcat."""

    def apply(self, model):
        graph = model.graph
        for cat in list(graph.node):
            if cat.op_type != "Concat":
                continue
            axis = [a.i for a in cat.attribute if a.name == "axis"]
            if axis not in ([1], [-3]):
                continue
            ts = [model.find_producer(x) for x in cat.input]
            if any(t is None or t.op_type != "Transpose" or _perm(t) != [0, 3, 1, 2] for t in ts):
                continue
            if any(not _read_only_by(model, t, cat) for t in ts):
                continue
            out = cat.output[0]
            nchw = model.get_tensor_shape(out)
            mid = model.make_new_valueinfo_name()
            model.set_tensor_shape(mid, [nchw[0], nchw[2], nchw[3], nchw[1]])
            model.set_tensor_datatype(mid, model.get_tensor_datatype(out))
            for i, t in enumerate(ts):
                cat.input[i] = t.input[0]
            for a in cat.attribute:
                if a.name == "axis":
                    a.i = 3
            cat.output[0] = mid
            _remove_nodes(graph, ts)
            back = helper.make_node(
                "Transpose", [mid], [out], perm=[0, 3, 1, 2], name=cat.name + "_nchw"
            )
            graph.node.insert(list(graph.node).index(cat) + 1, back)
            return model, True
        return model, False


def _read_only_by(model, node, reader):
    """True if every reader of node's output is reader (the same node object)."""
    readers = model.find_consumers(node.output[0]) or []
    return bool(readers) and all(r is reader for r in readers)


def _remove_nodes(graph, nodes):
    """Removes these node objects (each once), found by identity: names may be empty or repeated
    between transforms."""
    for n in nodes:
        for i, g in enumerate(graph.node):
            if g is n:
                del graph.node[i]
                break


def _zero_constant_pad(model, pad):
    for a in pad.attribute:
        if a.name == "mode" and a.s not in (b"constant", "constant"):
            return False
    if len(pad.input) > 2 and pad.input[2]:
        v = model.get_initializer(pad.input[2])
        return v is not None and not np.any(v)
    return True


class MoveTransposePastJoinAdd(reorder.MoveIdenticalOpPastJoinOp):
    """Transpose(x) + Transpose(y) -> Transpose(x + y), as FINN's MoveTransposePastJoinAdd, but
    only where that is right: both permutations equal and both transposes read by the add alone.
    (FINN's version also rewires a transpose that feeds a fork, so its other readers would get
    the untransposed sum, and it does not compare the permutations.)"""

    def __init__(self):
        super().__init__(["Transpose"], ["Add"])

    def apply(self, model):
        for n in model.graph.node:
            if n.op_type != "Add" or not model.is_join_node(n):
                continue
            p0 = model.find_producer(n.input[0])
            p1 = model.find_producer(n.input[1])
            if p0 is None or p1 is None or p0 == p1:
                continue
            if p0.op_type != "Transpose" or p1.op_type != "Transpose":
                continue
            if _perm(p0) != _perm(p1) or model.is_fork_node(p0) or model.is_fork_node(p1):
                continue
            self.move_node(model, n, p0, p1)
            model = model.transform(SortGraph(), make_deepcopy=False, cleanup=False)
            # one move per pass: the graph changed under the loop; transform() runs us again
            return model, True
        return model, False


def _perm(node):
    for a in node.attribute:
        if a.name == "perm":
            return list(a.ints)
    return None


def _merge_pool_output_transposes(model):
    """A MaxPool whose output forks to NHWC transposes (and other readers) gets one NHWC
    transpose, read by all of them: the other readers read it transposed back to NCHW. The pool
    then has a single reader and becomes MaxPoolNHWC; the back transposes move on or are
    absorbed like any other."""
    outs = {o.name for o in model.graph.output}
    for pool in list(model.graph.node):
        if pool.op_type != "MaxPool":
            continue
        readers = model.find_consumers(pool.output[0]) or []
        ts = [c for c in readers if c.op_type == "Transpose" and _perm(c) == [0, 2, 3, 1]]
        if not ts or len(readers) < 2 or any(t.output[0] in outs for t in ts):
            continue
        keep = ts[0]
        for other in ts[1:]:
            _rewire(model, other.output[0], keep.output[0])
            model.graph.node.remove(other)
        at = list(model.graph.node).index(keep) + 1
        for r in readers:
            if r in ts:
                continue
            back = model.make_new_valueinfo_name()
            model.set_tensor_shape(back, model.get_tensor_shape(pool.output[0]))
            model.set_tensor_datatype(back, model.get_tensor_datatype(pool.output[0]))
            for i, x in enumerate(r.input):
                if x == pool.output[0]:
                    r.input[i] = back
            t = helper.make_node("Transpose", [keep.output[0]], [back], perm=[0, 3, 1, 2])
            model.graph.node.insert(at, t)


def _rewire(model, old, new):
    for r in model.find_consumers(old) or []:
        for i, x in enumerate(r.input):
            if x == old:
                r.input[i] = new


class MakeMaxPoolNHWC(Transformation):
    """FINN's MakeMaxPoolNHWC where it is right: it rewires only the first reader of a MaxPool's
    output (find_consumer), and the other readers of a transpose it moves, so MaxPools whose
    output forks (after merging equal transposes of it), or whose input transpose forks, are
    left as they are."""

    def apply(self, model):
        _merge_pool_output_transposes(model)
        held = "MaxPool_nash_held"
        for n in model.graph.node:
            if n.op_type != "MaxPool":
                continue
            readers = model.find_consumers(n.output[0]) or []
            prod = model.find_producer(n.input[0])
            if len(readers) > 1 or (prod is not None and model.is_fork_node(prod)):
                n.op_type = held
        try:
            model = model.transform(reorder.MakeMaxPoolNHWC())
        finally:
            # transform() returns a copy: restore by op type on the model we return
            for n in model.graph.node:
                if n.op_type == held:
                    n.op_type = "MaxPool"
        return model, False


class InferZeroPaddedPool(Transformation):
    """FINN's InferPool for the MaxPools FoldZeroPadIntoMaxPool marked, with pad value 0."""

    def apply(self, model):
        marked = [n for n in model.graph.node if n.doc_string == "nash:zero-pad"]
        if not marked:
            return model, False
        # InferPool pads MaxPool with idt.min(); run it, then reset the pad value of the
        # Im2Col nodes it made from our nodes (found through their outputs)
        model = model.transform(InferPool())
        for n in model.graph.node:
            if n.op_type == "Im2Col":
                pool = model.find_consumer(n.output[0])
                if pool is not None and pool.op_type == "Pool":
                    getCustomOp(n).set_nodeattr("pad_value", 0)
        return model, False


class _Fixpoint(Transformation):
    def __init__(self, transforms, rounds=20):
        super().__init__()
        self.transforms = transforms
        self.rounds = rounds

    def apply(self, model):
        # the graph each transform last left: running it again on that graph changes nothing,
        # so it is skipped (Streamline alone costs seconds per run on a ResNet)
        left = [None] * len(self.transforms)
        for _ in range(self.rounds):
            before = _signature(model)
            for k, t in enumerate(self.transforms):
                sig = _signature(model)
                if sig == left[k]:
                    continue
                try:
                    model = model.transform(t)
                    if _signature(model) != sig:
                        # shapes and types again only where the transform changed the graph;
                        # the moving transforms can leave stale intermediate shapes, which
                        # onnx's shape inference rejects, so those are inferred from scratch
                        _forget_intermediate_shapes(model)
                        model = model.transform(InferShapes())
                        model = model.transform(RemoveIdentityOps())
                        model = model.transform(InferShapes())
                        model = model.transform(InferDataTypes())
                except Exception as e:
                    raise RuntimeError(
                        "NASH streamlining: %s failed: %s" % (type(t).__name__, e)
                    ) from e
                left[k] = _signature(model)
            if _signature(model) == before:
                return model, False
        warnings.warn(
            "NASH streamlining: no fixpoint after %d rounds of %s"
            % (self.rounds, [type(t).__name__ for t in self.transforms])
        )
        return model, False


def _forget_intermediate_shapes(model):
    """Drops the shapes of tensors that standard ONNX nodes compute and only standard nodes read,
    so that shape inference recomputes them (a moved Transpose can leave a stale one, which onnx
    rejects). Initializers keep theirs (FINN's renaming finds tensors through them), and so do
    the inputs of FINN/qonnx custom ops (their shape functions read them)."""
    inits = {i.name for i in model.graph.initializer}
    custom_in = {t for n in model.graph.node if n.domain not in ("", "ai.onnx") for t in n.input}
    standard_out = {
        t for n in model.graph.node if n.domain in ("", "ai.onnx") for t in n.output
    }
    drop = standard_out - inits - custom_in
    keep = [v for v in model.graph.value_info if v.name not in drop]
    del model.graph.value_info[:]
    model.graph.value_info.extend(keep)


def _scale_moves():
    """Streamline and the moves that carry scales and biases to the next thresholds."""
    return [
        MoveScalarMulPastConcat(),
        Streamline(),
        reorder.MoveLinearPastEltwiseAdd(),
        reorder.MoveLinearPastFork(),
        reorder.MoveScalarLinearPastInvariants(),
        MoveMulPastZeroPad(),
        FoldZeroPadIntoMaxPool(),
        reorder.MoveMulPastMaxPool(),
        MoveScalarMulPastConcat(),
        absorb.AbsorbSignBiasIntoMultiThreshold(),
    ]


def step_nash_streamline(model, cfg):
    """Streamlining for NASH networks: BN and the scales of residual operands move past the adds,
    forks, zero pads and max pools into the next thresholds; then convs become MatMul on NHWC
    streams and the layout transposes are absorbed."""
    model = model.transform(StripInputQuantizer())
    model = model.transform(FoldZeroPadIntoMaxPool())
    model = model.transform(absorb.AbsorbSignBiasIntoMultiThreshold())
    model = model.transform(MoveScalarMulPastConcat())
    model = model.transform(_Fixpoint(_scale_moves()))
    model = model.transform(LowerConvsToMatMul())
    model = model.transform(MakeMaxPoolNHWC())
    model = model.transform(absorb.AbsorbTransposeIntoMultiThreshold())
    model = model.transform(MakeMaxPoolNHWC())
    model = model.transform(absorb.AbsorbConsecutiveTransposes())

    # the scale moves after the transposes can leave new NCHW transposes in front of an add or a
    # fork (a residual sum whose operands' scales moved on): both run again until neither changes
    # the graph, else such a transpose stays between HW layers and the dataflow partition fails
    model = model.transform(
        _Fixpoint(
            [
                _Fixpoint(
                    [
                        MoveTransposePastJoinAdd(),
                        MoveTransposePastJoinConcat(),
                        reorder.MoveTransposePastFork(),
                        MakeMaxPoolNHWC(),
                        absorb.AbsorbTransposeIntoMultiThreshold(),
                        absorb.AbsorbConsecutiveTransposes(),
                    ]
                ),
                ConvertBipolarMatMulToXnorPopcount(),
                _Fixpoint(_scale_moves()),
            ]
        )
    )
    model = model.transform(RoundAndClipThresholds())
    model = model.transform(InferDataLayouts())
    model = model.transform(RemoveUnusedTensors())
    return model


def step_nash_convert_to_hw(model, cfg):
    model = model.transform(to_hw.InferBinaryMatrixVectorActivation())
    model = model.transform(to_hw.InferQuantizedMatrixVectorActivation())
    model = model.transform(to_hw.InferThresholdingLayer())
    model = model.transform(to_hw.InferAddStreamsLayer())
    model = model.transform(to_hw.InferConcatLayer())
    model = model.transform(InferZeroPaddedPool())
    model = model.transform(InferPool())
    model = model.transform(to_hw.InferConvInpGen())
    model = model.transform(to_hw.InferDuplicateStreamsLayer())
    model = model.transform(RemoveCNVtoFCFlatten())
    model = model.transform(absorb.AbsorbConsecutiveTransposes())
    model = model.transform(GiveUniqueNodeNames())
    model = model.transform(InferDataLayouts())
    return model


# ---------------------------------------------------------------------------------------------
# Our layers: names, configs and the check


def _build_dir():
    return os.environ.get("NASH_BUILD_DIR", os.getcwd())


def _read_json(name):
    with open(os.path.join(_build_dir(), name)) as f:
        return json.load(f)


def _base_op(name):
    return name.rsplit("_", 1)[0]


def _attr(inst, key):
    v = inst.get_nodeattr(key)
    if isinstance(v, bytes):
        v = v.decode()
    if isinstance(v, np.ndarray):
        v = v.tolist()
    return v


def _same(a, b):
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    return a == b


def _agreement(inst, ours):
    n = 0
    for k, v in ours["attributes"].items():
        try:
            if _same(_attr(inst, k), v):
                n += 1
        except Exception:
            pass
    return n


# attributes that identify a layer's place in the network (not its folding or the datatypes that
# bit-width minimisation changes later)
_SHAPE_ATTRS = [
    "MW", "MH", "ConvKernelDim", "IFMChannels", "IFMDim", "OFMDim", "Stride", "ImgDim",
    "Padding", "NumChannels", "Channels", "KernelSize", "Function", "OutImgDims", "numSteps",
    "ElemsPerStream", "NumOutputStreams", "depthwise", "noActivation",
]


def _wl_labels(nodes, preds, succs, initial, rounds=None):
    """Weisfeiler-Lehman refinement over producers and consumers: to convergence (rounds=None),
    nodes end with the same label only if nothing in the graph tells them apart; with a few
    rounds only their neighbourhood counts, which keeps a difference between graphs local."""
    labels = dict(initial)
    for _ in range(len(nodes) if rounds is None else rounds):
        new = {}
        for n in nodes:
            new[n] = hash(
                (
                    labels[n],
                    tuple(sorted(labels.get(p, "input") for p in preds[n])),
                    tuple(sorted(labels.get(c, "output") for c in succs[n])),
                )
            )
        if rounds is None and len(set(new.values())) == len(set(labels.values())):
            return new
        labels = new
    return labels


class NameLayersAsOurs(Transformation):
    """Matches FINN's HW layers to ours (nash_layers.json) by graph position and gives each our
    name, so configs keyed by our names reach the right layers. Both graphs are labelled by
    Weisfeiler-Lehman refinement to convergence (op type and shape attributes, then the labels of
    producers and consumers); walking FINN's nodes in topological order, a node takes the unmatched node of ours
    with its label whose producers are the ones already matched to its producers. Layers that stay
    alike under this are interchangeable (the graph looks the same from each). Any FINN layer
    without a counterpart, or a layer of ours FINN did not make, fails the build with both lists."""

    def __init__(self, layers, key):
        super().__init__()
        self.layers = layers
        self.key = key  # "base_name" before specialization, "name" after

    def apply(self, model):
        ours = self.layers["nodes"]
        by_name = {o["name"]: o for o in ours}
        # our graph
        o_nodes = [o["name"] for o in ours]
        o_preds = {o["name"]: [p for p in o["inputs"] if p != "input"] for o in ours}
        o_succs = {n: [] for n in o_nodes}
        for o in ours:
            for p in o_preds[o["name"]]:
                o_succs[p].append(o["name"])
        keys = {}
        for o in ours:
            op = _base_op(o[self.key])
            ks = {k for k in _SHAPE_ATTRS if k in o["attributes"]}
            keys[op] = ks if op not in keys else keys[op] & ks
        o_init = {
            o["name"]: str(
                (_base_op(o[self.key]),)
                + tuple(
                    (k, str(_normal(o["attributes"][k])))
                    for k in _SHAPE_ATTRS
                    if k in keys[_base_op(o[self.key])]
                )
            )
            for o in ours
        }
        # FINN's graph
        f_nodes = [n.name for n in model.graph.node]
        f_by = {n.name: n for n in model.graph.node}
        f_preds, f_succs, f_init = {}, {n: [] for n in f_nodes}, {}
        for n in model.graph.node:
            ps = []
            for t in n.input:
                if model.get_initializer(t) is not None:
                    continue
                p = model.find_producer(t)
                if p is not None:
                    ps.append(p.name)
            f_preds[n.name] = ps
            for p in ps:
                f_succs[p].append(n.name)
            inst = getCustomOp(n)
            attrs = []
            for k in _SHAPE_ATTRS:
                if k in keys.get(n.op_type, ()):
                    try:
                        v = _attr(inst, k)
                    except Exception:
                        continue
                    attrs.append((k, str(_normal(v))))
            f_init[n.name] = str((n.op_type,) + tuple(attrs))
        # one refinement over the disjoint union, so labels are comparable
        nodes = ["o:" + n for n in o_nodes] + ["f:" + n for n in f_nodes]
        preds = {"o:" + n: ["o:" + p for p in o_preds[n]] for n in o_nodes}
        preds.update({"f:" + n: ["f:" + p for p in f_preds[n]] for n in f_nodes})
        succs = {"o:" + n: ["o:" + c for c in o_succs[n]] for n in o_nodes}
        succs.update({"f:" + n: ["f:" + c for c in f_succs[n]] for n in f_nodes})
        init = {"o:" + n: o_init[n] for n in o_nodes}
        init.update({"f:" + n: f_init[n] for n in f_nodes})
        mapping, unmatched, missing = self._match(
            _wl_labels(nodes, preds, succs, init), f_nodes, f_preds, f_by, o_nodes, o_preds
        )
        if unmatched or missing:
            # the graphs differ: a local labelling names the layers around the difference
            mapping, unmatched, missing = self._match(
                _wl_labels(nodes, preds, succs, init, rounds=3),
                f_nodes, f_preds, f_by, o_nodes, o_preds,
            )
            raise RuntimeError(
                "FINN's HW layers differ from NASH's lowering.\n  FINN layers with no NASH "
                "counterpart: %s\n  NASH layers FINN did not make: %s" % (unmatched, missing)
            )
        for node in model.graph.node:
            node.name = by_name[mapping[node.name]][self.key]
        return model, False

    @staticmethod
    def _match(labels, f_nodes, f_preds, f_by, o_nodes, o_preds):
        taken = set()
        mapping = {}
        unmatched = []
        for name in f_nodes:
            want = sorted(mapping.get(p, "?" + p) for p in f_preds[name])
            cands = [
                o
                for o in o_nodes
                if o not in taken
                and labels["o:" + o] == labels["f:" + name]
                and sorted(o_preds[o]) == want
            ]
            if not cands:
                unmatched.append(
                    "%s %s (inputs from %s)" % (f_by[name].op_type, name, want or ["input"])
                )
                mapping[name] = "?" + name
                continue
            taken.add(cands[0])
            mapping[name] = cands[0]
        missing = [o for o in o_nodes if o not in taken]
        return mapping, unmatched, missing


def _normal(v):
    if isinstance(v, (list, tuple)):
        return [_normal(x) for x in v]
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def step_nash_name_layers(model, cfg):
    """Gives FINN's HW layers our pre-specialization names (MVAU_0, ...)."""
    return model.transform(NameLayersAsOurs(_read_json("nash_layers.json"), "base_name"))


def step_nash_specialize_layers(model, cfg):
    """Our specialize_layers_config.json by our names (FINN's own step renames the nodes first),
    then FINN's SpecializeLayers, then our specialized names (MVAU_hls_0, ...)."""
    from finn.transformation.fpgadataflow.specialize_layers import SpecializeLayers

    layers = _read_json("nash_layers.json")
    base_to_name = {o["base_name"]: o["name"] for o in layers["nodes"]}
    model = model.transform(
        ApplyConfig(os.path.join(_build_dir(), "specialize_layers_config.json"))
    )
    by_output = {n.output[0]: base_to_name[n.name] for n in model.graph.node}
    model = model.transform(SpecializeLayers(cfg._resolve_fpga_part()))
    model = model.transform(InferShapes())
    model = model.transform(InferDataTypes())
    for n in model.graph.node:
        n.name = by_output[n.output[0]]
    return model


def step_nash_apply_folding(model, cfg):
    """Our folding_config.json (PE, SIMD, ram_style, mem_mode, ...) by our layer names."""
    return model.transform(ApplyConfig(os.path.join(_build_dir(), "folding_config.json")))


def step_nash_check_layers(model, cfg):
    """Writes report/nash_layer_check.json: per layer, every attribute where FINN's node differs
    from ours, as {"finn": value, "ours": value} (the op type under "op_type"; a layer FINN does
    not have under "missing"). An empty "differences" means FINN built exactly our layers."""
    layers = _read_json("nash_layers.json")
    by_name = {n.name: n for n in model.graph.node}
    diffs = {}
    for o in layers["nodes"]:
        n = by_name.get(o["name"])
        if n is None:
            diffs[o["name"]] = {"missing": {"finn": None, "ours": o["op_type"]}}
            continue
        d = {}
        if n.op_type != o["op_type"]:
            d["op_type"] = {"finn": n.op_type, "ours": o["op_type"]}
        inst = getCustomOp(n)
        for k, v in o["attributes"].items():
            try:
                f = _attr(inst, k)
            except Exception as e:
                d[k] = {"finn": "no such attribute (%s)" % e, "ours": v}
                continue
            if not _same(f, v):
                d[k] = {"finn": f, "ours": v}
        if d:
            diffs[o["name"]] = d
    extra = sorted(set(by_name) - {o["name"] for o in layers["nodes"]})
    report = {
        "layers": len(layers["nodes"]),
        "finn_layers": len(by_name),
        "extra_in_finn": extra,
        "differences": diffs,
    }
    os.makedirs(os.path.join(cfg.output_dir, "report"), exist_ok=True)
    with open(os.path.join(cfg.output_dir, "report", "nash_layer_check.json"), "w") as f:
        json.dump(report, f, indent=2, default=str)
    return model


NASH_ESTIMATE_STEPS = [
    step_qonnx_to_finn,
    step_tidy_up,
    step_nash_streamline,
    step_nash_convert_to_hw,
    step_create_dataflow_partition,
    step_nash_name_layers,
    step_nash_specialize_layers,
    step_nash_apply_folding,
    step_minimize_bit_width,
    step_nash_check_layers,
    step_generate_estimate_reports,
]

# after the estimates, FINN's own steps (Vivado / Vitis needed from step_hw_ipgen on)
NASH_BITFILE_STEPS = NASH_ESTIMATE_STEPS + [
    "step_hw_codegen",
    "step_hw_ipgen",
    "step_set_fifo_depths",
    "step_create_stitched_ip",
    "step_measure_rtlsim_performance",
    "step_out_of_context_synthesis",
    "step_synthesize_bitfile",
    "step_make_pynq_driver",
    "step_deployment_package",
]
