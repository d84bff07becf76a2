#!/usr/bin/env bash
# Smoke launch of the shaded job jar through Spark's own launcher (org.apache.spark.deploy.SparkSubmit),
# exactly as spark-submit does it, with a "Spark distribution" made of the Maven-resolved Spark jars
# (target/spark-dist/jars: everything the shaded jar does not carry). No Spark download is needed.
# Usage: deploy/smoke-submit.sh [nash command and options]
#   (default: doctor, a tiny pipeline run with the CLI, then the Java API example on that run)
# Needs `mvn package` first (the jar and target/spark-dist are built in the package phase).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar=$(ls "$root"/target/nash-*-spark.jar 2>/dev/null | head -1 || true)
[[ -n "$jar" ]] || { echo "smoke-submit: no target/nash-*-spark.jar; run 'mvn -DskipTests package' first" >&2; exit 1; }
export SPARK_HOME="$root/target/spark-dist"
export SPARK_SCALA_VERSION=2.13
export SPARK_LOCAL_IP=127.0.0.1
opens="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One launch the way spark-submit does it (client mode: this JVM is the driver).
# submit [--class MAIN] ARGS...   (MAIN defaults to the nash CLI)
submit() {
  local out="$work/out.txt" main=io.nash.cli.NashCli
  if [[ "${1:-}" == --class ]]; then main=$2; shift 2; fi
  # shellcheck disable=SC2086
  java -Xmx4g $opens -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
    -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
    -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
    --master "local[2]" \
    --properties-file "$root/conf/spark-defaults.conf" \
    --conf spark.executor.extraJavaOptions="-Dai.djl.offline=true" \
    --class "$main" "$jar" "$@" 2>&1 | tee "$out" | grep -v -e '^\[W' -e ' INFO ' -e ' WARN '
  local status=${PIPESTATUS[0]}
  if [[ $status -ne 0 ]]; then echo "smoke-submit: FAILED: $main $* (exit $status)" >&2; exit "$status"; fi
}

if [[ $# -gt 0 ]]; then
  submit "$@"
else
  # 1. Spark + DJL (libtorch extracted from the shaded jar) on the executors
  submit doctor --tasks 2
  grep -q "doctor: OK" "$work/out.txt" || { echo "smoke-submit: FAILED (no 'doctor: OK')" >&2; exit 1; }
  # 2. the whole pipeline on a tiny synthetic run, Kryo registration required
  tiny=("nash.data.spec=synthetic?train=128&test=64&classes=4&channels=1&size=16" nash.search.width=4
    nash.search.epochs=1 nash.search.batch-size=32 nash.spark.partitions=2 nash.hw.devices=U250
    nash.candidates.top-k=1 nash.candidates.samples=1 nash.train.epochs=1 nash.train.width=4
    nash.train.max-candidates=1 nash.hw.finn=off)
  sets=()
  for kv in "${tiny[@]}"; do sets+=(--set "$kv"); done
  submit run --store "file:$work/store" --run-id smoke "${sets[@]}"
  [[ -f "$work/store/pareto/report.html" ]] || { echo "smoke-submit: FAILED (no report.html)" >&2; exit 1; }
  # 3. a Spark application that uses only the Java API (io.nash.api.examples.ApiExample) on the
  #    CLI's run with the same settings: stages 1-4 are read back, not rerun; the Pareto stage
  #    reruns because its files are removed first. Its typed results must equal the store's files.
  rm -rf "$work/store/pareto"
  submit --class io.nash.api.examples.ApiExample "file:$work/store" smoke "${tiny[@]}"
  api_fail() { echo "smoke-submit: FAILED (Java API: $1)" >&2; exit 1; }
  run_dir="$work/store/runs/smoke"
  want_genotype=$(tail -n 1 "$run_dir/metrics.jsonl" | jq -r .genotype)
  grep -qF "search ran []: genotype $want_genotype;" "$work/out.txt" || api_fail "search was rerun or its genotype is not $want_genotype"
  grep -qxF "candidates ran []: $(jq length "$run_dir/candidates-table/candidates.json")" "$work/out.txt" || api_fail "candidates differ from candidates.json"
  grep -qxF "synthesis ran []: $(ls "$run_dir"/candidates/*/hw/*/result.json | wc -l) results" "$work/out.txt" || api_fail "hardware results differ from the committed units"
  grep -qF "front ran [pareto]: $(jq '.front | length' "$work/store/pareto/front.json") points," "$work/out.txt" || api_fail "front differs from pareto/front.json"
  [[ -f "$work/store/pareto/report.html" ]] || api_fail "no report.html"
fi
echo "smoke-submit: OK"
