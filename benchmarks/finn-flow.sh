#!/usr/bin/env bash
# Seconds of FINN's flow per network (the build folder the synthesis stage writes, run to FINN's
# estimate reports by its build.py), one build at a time, as JSON lines; the last line gives each
# network's 224 px time as a multiple of its 32 px time. Use it to size a synthesis fan-out.
# Needs FINN_HOME (a FINN checkout with run-docker.sh, or a folder with FINN's python).
# Usage: benchmarks/finn-flow.sh [networks=baseline,v1,v2,v3,v4] [pixels=32,224] [width=4]
set -euo pipefail
cd "$(dirname "$0")/.."
: "${FINN_HOME:?set FINN_HOME to a FINN install}"
mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -Xmx4g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -cp "$CP" \
  io.nash.benchmarks.FinnFlowBenchmark "$work" "${1:-baseline,v1,v2,v3,v4}" "${2:-32,224}" "${3:-4}" \
  2> >(grep -v -e '^\[W' -e WARNING >&2)
