#!/bin/sh
# Candidates per second of the hardware model (lowering + resource-aware folding + FINN
# SetFolding at the same budget + FINN estimates) on ResNet18-ImageNet genotypes, one thread.
# Usage: benchmarks/hw-estimate.sh [candidates] [seed]   (prints JSON lines)
set -e
cd "$(dirname "$0")/.."
mvn -o -q test-compile
mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/hw-bench.cp >/dev/null
exec java -XX:ActiveProcessorCount=1 -cp "target/classes:target/test-classes:$(cat target/hw-bench.cp)" \
  io.nash.benchmarks.HwEstimateBenchmark "${1:-200}" "${2:-1}"
