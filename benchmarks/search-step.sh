#!/usr/bin/env bash
# Throughput of a NASH search step (and each half) vs a plain ResNet18 training step.
# Usage: benchmarks/search-step.sh [widths=16,64] [batch=64] [warmup=2] [iterations=5] [threads="1 2"]
# Prints one JSON line per measurement (see io.nash.benchmarks.SearchStepBenchmark).
set -euo pipefail
cd "$(dirname "$0")/.."
WIDTHS=${1:-16,64}
BATCH=${2:-64}
WARMUP=${3:-2}
ITERS=${4:-5}
THREADS=${5:-"1 2"}
mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
for t in $THREADS; do
  java -Xmx6g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$t" \
    -cp "$CP" io.nash.benchmarks.SearchStepBenchmark "$t" "$WIDTHS" "$BATCH" "$WARMUP" "$ITERS" \
    2> >(grep -v -e '^\[W' -e WARNING >&2)
done
