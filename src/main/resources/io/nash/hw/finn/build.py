"""FINN build of a NASH network (written by NASH on Spark into every build folder).

Run with FINN's Python from this folder: `python build.py` (or FINN's
`./run-docker.sh build_custom <this folder>`). Reads dataflow_build_config.json; with only
"estimate_reports" in generate_outputs it runs the NASH steps up to FINN's estimate reports
(no Vivado needed), otherwise the NASH steps and then FINN's own steps to the outputs asked for.
Reports go to <output_dir>/report/. Exit code 0 on success.
"""
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
os.environ.setdefault("NASH_BUILD_DIR", here)

import finn.builder.build_dataflow as build  # noqa: E402
import finn.builder.build_dataflow_config as bc  # noqa: E402

import nash_finn_steps as steps  # noqa: E402


def main():
    with open(os.path.join(here, "dataflow_build_config.json")) as f:
        cfg = bc.DataflowBuildConfig.from_dict(json.load(f))
    outputs = [o.value if hasattr(o, "value") else o for o in cfg.generate_outputs]
    cfg.steps = (
        steps.NASH_ESTIMATE_STEPS if outputs == ["estimate_reports"] else steps.NASH_BITFILE_STEPS
    )
    # our folding is applied by layer identity in step_nash_apply_folding; FINN's own use of the
    # file (after renaming the nodes in step_set_fifo_depths) would hit other layers
    cfg.folding_config_file = None
    cfg.specialize_layers_config_file = None
    cfg.target_fps = None
    cfg.enable_build_pdb_debug = False
    cfg.verify_steps = []
    if not os.path.isabs(cfg.output_dir):
        cfg.output_dir = os.path.join(here, cfg.output_dir)
    return build.build_dataflow_cfg(os.path.join(here, "model.onnx"), cfg)


if __name__ == "__main__":
    sys.exit(main())
