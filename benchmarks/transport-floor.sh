#!/usr/bin/env bash
# Spark's own cost of a training round's data movement, without any model (io.nash.benchmarks.TransportProbe):
# JOBS jobs of PARTITIONS tasks, each launched with MB megabytes of pushed weight delta and returning MB
# megabytes of gradient sums, merged as a round merges them. Prints each job's wall ms on one line (the
# first jobs include executor start-up and JIT warm-up).
# Usage: benchmarks/transport-floor.sh [master=local-cluster[2,1,2048]] [partitions=2] [mb=10.6] [jobs=12] [spark.k=v ...]
set -euo pipefail
cd "$(dirname "$0")/.."
MASTER="${1:-local-cluster[2,1,2048]}"; PARTS="${2:-2}"; MB="${3:-10.6}"; JOBS="${4:-12}"
shift $(( $# < 4 ? $# : 4 ))
mvn -o -q process-test-classes -DskipTests >&2  # compiles and fills target/sparkhome/jars
mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
OPENS="$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' pom.xml)"
export SPARK_HOME="$PWD/target/sparkhome" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
mkdir -p "$SPARK_HOME"
# shellcheck disable=SC2086
java -Xmx3g $OPENS -cp "$CP" io.nash.benchmarks.TransportProbe "$MASTER" "$PARTS" "$MB" "$JOBS" \
  spark.executor.extraClassPath="$PWD/target/classes:$PWD/target/test-classes" spark.driver.host=127.0.0.1 \
  spark.executor.memory=1g "$@" 2> >(grep -E "ERROR|Exception" >&2 || true) | tr '\n' ' '
echo
