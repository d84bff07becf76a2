#!/usr/bin/env bash
# Executor memory over a sweep: RUNS (default 6) searches of the DJL supernet, each its own run,
# one after another in one Spark application, printing after each run every executor JVM's
# resident memory (VmRSS from /proc/<pid>/status, executors found by pid) as a JSON line, and at
# the end the stated bound and whether it held (io.nash.benchmarks.CacheBenchmark).
# Once per value of ENTRIES (spark.nash.executor-cache.max-entries, i.e.
# nash.spark.executor-cache-entries): default "3 64", a cache of one run (data, supernet, weight
# replica) against one that keeps every run of the sweep.
# Usage: benchmarks/executor-cache.sh
# Env: RUNS (6), ROUNDS (search rounds per run, 2), WIDTH (supernet width, 16), SIZE (image side,
#      16), ENTRIES ("3 64"), MASTER (local-cluster[2,1,2048]), SETTLE (2), SLACK (0.10),
#      EXECUTOR_OPTS (extra executor JVM flags; default "-Xms1g -XX:+AlwaysPreTouch": the whole
#      1 GB Java heap is resident from the start, so RSS changes are native memory, not heap growth).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q test-compile process-test-classes -DskipTests >&2
# a private copy of the classes: a rebuild while the benchmark runs cannot pull them away
CLASSES="$(mktemp -d)"; BENCH="$(mktemp -d)"; trap 'rm -rf "$CLASSES" "$BENCH"' EXIT
cp -r target/classes/. "$CLASSES"
cp -r target/test-classes/. "$BENCH"  # the harness (benchmarks/java), on the driver only
CP="$CLASSES:$BENCH:$(mvn -o -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
OPENS="$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' pom.xml)"
export SPARK_HOME="$PWD/target/sparkhome" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1

for entries in ${ENTRIES:-3 64}; do
  # shellcheck disable=SC2086
  java -Xmx2g $OPENS -Dai.djl.offline=true -cp "$CP" io.nash.benchmarks.CacheBenchmark \
    --master "${MASTER:-local-cluster[2,1,2048]}" --runs "${RUNS:-6}" --rounds "${ROUNDS:-2}" \
    --width "${WIDTH:-16}" --size "${SIZE:-16}" --entries "$entries" \
    --settle "${SETTLE:-2}" --slack "${SLACK:-0.10}" \
    --conf spark.executor.extraClassPath="$CLASSES" \
    --conf spark.driver.host=127.0.0.1 --conf spark.executor.memory=1g \
    --conf spark.executor.extraJavaOptions="-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 ${EXECUTOR_OPTS:--Xms1g -XX:+AlwaysPreTouch}" \
    2> >(grep -E "ERROR|Exception" >&2 || true) | grep '^{'
done
