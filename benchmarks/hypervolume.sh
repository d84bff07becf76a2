#!/usr/bin/env bash
# Time of the exact hypervolume on mutually non-dominated fronts, one thread.
# Usage: benchmarks/hypervolume.sh [objectives=3,4,5] [points=50,100,200] [warmup=10] [iterations=15] [seed=5]
# Prints one JSON line per (objectives, points) (see io.nash.benchmarks.HypervolumeBenchmark).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
exec java -XX:ActiveProcessorCount=1 -cp "$CP" io.nash.benchmarks.HypervolumeBenchmark \
  "${1:-3,4,5}" "${2:-50,100,200}" "${3:-10}" "${4:-15}" "${5:-5}"
