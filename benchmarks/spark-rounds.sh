#!/usr/bin/env bash
# Cost of distributed search rounds, as JSON lines (one per round) on stdout.
# For local-steps 1 and 8, in local mode and in local-cluster[2,1,...] (separate executor JVMs).
# After each run's rounds, one "transport_floor" line: FLOOR (default 3) model-free jobs moving the
# last round's bytes per task both ways, Spark's own cost of a round's data movement here.
# Usage: benchmarks/spark-rounds.sh [model-factory-class] [model settings k=v ...]
#   default model: the pure-Java test supernet (needs target/test-classes);
#   the DJL supernet, e.g.: benchmarks/spark-rounds.sh io.nash.search.SupernetFactory width=16
# Before the rounds, PREWARM (default 300) model-free jobs moving the model's weights per task both ways
# bring Spark's serialization and RPC paths to the JIT-compiled state of a long search (a run of a
# few rounds otherwise measures Spark interpreted); the rounds' figures then end with a "summary"
# line (median and p90 overhead share of the rounds after WARMUP).
# Env: ROUNDS (default 6), WARMUP (first rounds left out of the summary, default 1), BATCH (64 per task), PARTITIONS (2), DATA (data factory class),
#      DATA_SPEC (dataset spec), MASTERS (default "local[2] local-cluster[2,1,2048]"),
#      LOCAL_STEPS (default "1 8"), CONF (extra Spark settings "k=v k=v", e.g.
#      "spark.nash.broadcast.full-every=1" for a full-state broadcast every round),
#      DRIVER_OPTS (extra driver JVM flags, e.g. "-Xlog:gc:file=gc.log"), EXECUTOR_OPTS (extra
#      executor JVM flags, local-cluster only), FLOOR (transport-floor
#      jobs after each run, default 3; 0 = none).
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL="${1:-io.nash.testutil.SoftmaxSupernet}"
shift || true
MODEL_SETS=()
for kv in "$@"; do MODEL_SETS+=(--model-set "$kv"); done
if [ "$MODEL" = "io.nash.testutil.SoftmaxSupernet" ] && [ $# -eq 0 ]; then
  MODEL_SETS=(--model-set dim=64 --model-set classes=10)
fi
DATA="${DATA:-io.nash.testutil.SyntheticData}"
DATA_SPEC="${DATA_SPEC:-synthetic:n=4096,dim=64,classes=10,seed=7}"
ROUNDS="${ROUNDS:-6}"; BATCH="${BATCH:-64}"; PARTITIONS="${PARTITIONS:-2}"
MASTERS="${MASTERS:-local[2] local-cluster[2,1,2048]}"
LOCAL_STEPS="${LOCAL_STEPS:-1 8}"
EXTRA=()
for kv in ${CONF:-}; do EXTRA+=(--conf "$kv"); done

mvn -o -q test-compile process-test-classes -DskipTests >&2
CP="target/classes:target/test-classes:$(mvn -o -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
OPENS="$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' pom.xml)"
export SPARK_HOME="$PWD/target/sparkhome" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1

for master in $MASTERS; do
  for ls in $LOCAL_STEPS; do
    # shellcheck disable=SC2086
    java -Xmx3g ${DRIVER_OPTS:-} $OPENS -Dai.djl.offline=true -cp "$CP" io.nash.benchmarks.RoundBenchmark \
      --master "$master" --model "$MODEL" "${MODEL_SETS[@]}" --data "$DATA" --data-spec "$DATA_SPEC" \
      --partitions "$PARTITIONS" --local-steps "$ls" --batch "$BATCH" --rounds "$ROUNDS" --warmup "${WARMUP:-1}" --prewarm "${PREWARM:-300}" --floor "${FLOOR:-3}" \
      --conf spark.executor.extraClassPath="$PWD/target/classes:$PWD/target/test-classes" \
      --conf spark.driver.host=127.0.0.1 --conf spark.executor.memory=1g \
      --conf spark.executor.extraJavaOptions="-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 ${EXECUTOR_OPTS:-}" \
      "${EXTRA[@]}" \
      2> >(grep -E "ERROR|Exception" >&2 || true) | grep '^{'
  done
done
