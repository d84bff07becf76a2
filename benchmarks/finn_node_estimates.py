"""FINN v0.10.1's own per-node estimates of a design in a NASH build folder, next to ours.

Builds every layer of nash_layers.json as a FINN custom op with our attributes (no model and no
flow: the layer as FINN would hold it after folding) and asks FINN for get_exp_cycles() and
node_res_estimation(fpga_part), the functions FINN's step_generate_estimate_reports calls. Compares
them with the folder's report/ (written by `nash estimate`), prints one JSON line per differing
layer (the Thresholding_rtl BRAM, which FINN reports as 0, is a known difference and not counted)
and a last JSON line with FINN's max cycles, fps and totals; exits 1 if any layer differs.

Usage: $FINN_HOME/python benchmarks/finn_node_estimates.py FOLDER
(FINN's python with finn and qonnx importable; nothing else is needed.)
"""

import json
import os
import sys

import onnx.helper as oh
from qonnx.custom_op.registry import getCustomOp

KEYS = ["LUT", "BRAM_18K", "URAM", "DSP"]


def finn_node(layer):
    op = layer["op_type"]
    domain = "finn.custom_op.fpgadataflow." + ("rtl" if op.endswith("_rtl") else "hls")
    attrs = {}
    for k, v in layer["attributes"].items():
        attrs[k] = int(v) if isinstance(v, bool) else v
    inputs = ["in%d" % i for i in range(max(1, len(layer["inputs"])))]
    if op.startswith("MVAU"):
        inputs += ["weights"] + ([] if attrs.get("noActivation") else ["thresholds"])
    elif op.startswith("Thresholding"):
        inputs += ["thresholds"]
    node = oh.make_node(op, inputs, ["out"], domain=domain, name=layer["name"], **attrs)
    return getCustomOp(node)


def main(folder):
    layers = json.load(open(os.path.join(folder, "nash_layers.json")))["nodes"]
    cfg = json.load(open(os.path.join(folder, "dataflow_build_config.json")))
    part, clk = cfg["fpga_part"], cfg["synth_clk_period_ns"]
    ours_cyc = json.load(open(os.path.join(folder, "report", "estimate_layer_cycles.json")))
    ours_res = json.load(open(os.path.join(folder, "report", "estimate_layer_resources.json")))
    total = dict.fromkeys(KEYS, 0)
    max_cycles, max_name, differing = 0, None, 0
    for layer in layers:
        inst = finn_node(layer)
        name = layer["name"]
        cyc = int(inst.get_exp_cycles())
        res = {k: float(v) for k, v in inst.node_res_estimation(part).items()}
        for k in KEYS:
            total[k] += res[k]
        if cyc > max_cycles:
            max_cycles, max_name = cyc, name
        # FINN v0.10.1 reports 0 BRAM for Thresholding_rtl (finn-reference.md section 8)
        known = ["BRAM_18K"] if layer["op_type"] == "Thresholding_rtl" else []
        diff = [k for k in KEYS if res[k] != ours_res[name][k] and k not in known]
        if cyc != ours_cyc[name]:
            diff.insert(0, "cycles")
        if diff:
            differing += 1
            finn = dict(cycles=cyc, **{k: res[k] for k in KEYS})
            ours = dict(cycles=ours_cyc[name], **{k: ours_res[name][k] for k in KEYS})
            print(json.dumps(dict(layer=name, differs=diff, finn=finn, ours=ours)))
    print(
        json.dumps(
            dict(
                folder=os.path.basename(os.path.normpath(folder)),
                fpga_part=part,
                layers=len(layers),
                layers_differing=differing,
                finn_max_cycles=max_cycles,
                finn_max_cycles_node=max_name,
                finn_fps=(1e9 / clk) / max_cycles,
                finn_total=total,
            )
        )
    )
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
